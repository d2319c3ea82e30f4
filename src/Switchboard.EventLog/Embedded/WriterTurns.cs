using Microsoft.EntityFrameworkCore;

namespace Switchboard.EventLog.Embedded;

/// <summary>
/// SQLite lets one transaction write at a time, and a writer that finds it busy polls with growing sleeps, so
/// a consumer that commits and begins again at once can keep the ingress waiting for seconds. In this process
/// the appends and the consumers take turns here instead. Appends go first: a webhook's sender
/// waits for its acknowledgement, a consumer only for its next page, so an append waits for at most the one
/// consumer transaction under way, and that one commits early once it sees an append waiting. PostgreSQL
/// needs no turns.
/// </summary>
internal sealed class WriterTurns
{
    private readonly Lock _lock = new();
    private readonly Queue<TaskCompletionSource> _appends = new();
    private readonly Queue<TaskCompletionSource> _others = new();
    private bool _held;
    private bool? _onSqlite;

    /// <summary>Whether an append is waiting for the turn now; the holder should end its transaction soon.</summary>
    public bool AppendWaiting
    {
        get
        {
            lock (_lock)
            {
                return _appends.Count > 0;
            }
        }
    }

    /// <returns>The turn, to dispose once the transaction has ended; null when the database needs none.</returns>
    public Task<IDisposable?> TakeAsync(DbContext db, CancellationToken cancellationToken) => TakeAsync(db, _others, cancellationToken);

    /// <inheritdoc cref="TakeAsync(DbContext, CancellationToken)"/>
    public Task<IDisposable?> TakeForAppendAsync(DbContext db) => TakeAsync(db, _appends, CancellationToken.None);

    private async Task<IDisposable?> TakeAsync(DbContext db, Queue<TaskCompletionSource> line, CancellationToken cancellationToken)
    {
        // One provider per process; asking EF reads its assembly's name by reflection, once per batch and page.
        _onSqlite ??= db.Database.IsSqlite();
        if (_onSqlite == false)
        {
            return null;
        }

        TaskCompletionSource waiter;
        lock (_lock)
        {
            if (!_held)
            {
                _held = true;
                return new Turn(this);
            }

            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            line.Enqueue(waiter);
        }

        // A waiter cancelled before its turn came is passed over when the turn is handed on.
        await using (cancellationToken.Register(() => waiter.TrySetCanceled(cancellationToken)))
        {
            await waiter.Task;
        }

        return new Turn(this);
    }

    private void HandOn()
    {
        lock (_lock)
        {
            while (_appends.TryDequeue(out var next) || _others.TryDequeue(out next))
            {
                if (next.TrySetResult())
                {
                    return;
                }
            }

            _held = false;
        }
    }

    private sealed class Turn(WriterTurns turns) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                turns.HandOn();
            }
        }
    }
}
