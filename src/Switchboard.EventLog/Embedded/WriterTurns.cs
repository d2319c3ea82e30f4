using Microsoft.EntityFrameworkCore;

namespace Switchboard.EventLog.Embedded;

/// <summary>
/// SQLite lets one transaction write at a time, and a writer that finds it busy polls with growing sleeps, so
/// a consumer that commits and begins again at once can keep the ingress waiting for seconds. In this process
/// the appends, the sequencer and the consumers take turns here instead, first come first served: an append
/// waits for at most one consumer transaction, and those are kept short. PostgreSQL needs no turns.
/// </summary>
internal sealed class WriterTurns : IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <returns>The turn, to dispose once the transaction has ended; null when the database needs none.</returns>
    public async Task<IDisposable?> TakeAsync(DbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            return null;
        }

        await _turn.WaitAsync(cancellationToken);
        return new Turn(_turn);
    }

    public void Dispose() => _turn.Dispose();

    private sealed class Turn(SemaphoreSlim turn) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                turn.Release();
            }
        }
    }
}
