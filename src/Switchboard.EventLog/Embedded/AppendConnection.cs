using Microsoft.EntityFrameworkCore;
using Switchboard.Data;

namespace Switchboard.EventLog.Embedded;

/// <summary>
/// The connection append batches are written through, opened once and held between them: renting one from the pool
/// and setting it up for each batch cost more than writing a batch of a dozen rows. A batch that fails drops it, and
/// the next batch opens another.
/// </summary>
internal sealed class AppendConnection : IAsyncDisposable
{
    private readonly SwitchboardDbContext _db;
    private readonly EventRows _rows;
    private readonly WalSyncs? _walSyncs;

    private AppendConnection(SwitchboardDbContext db, EventRows rows, WalSyncs? walSyncs)
    {
        _db = db;
        _rows = rows;
        _walSyncs = walSyncs;
    }

    public static async Task<AppendConnection> OpenAsync(IDbContextFactory<SwitchboardDbContext> contexts)
    {
        var db = await contexts.CreateDbContextAsync();
        try
        {
            // Opened here, the connection stays open until the context is disposed.
            await db.Database.OpenConnectionAsync();
            var sqlite = db.Database.IsSqlite();
            var walToFlush = sqlite ? await SqliteWal.CommitsWithoutSyncAsync(db) : null;
            return new AppendConnection(db, EventRows.On(db.Database.GetDbConnection(), sqlite), walToFlush is null ? null : new WalSyncs(walToFlush));
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    /// <returns>
    /// For each event, whether its row was inserted (a repeat of a key, in the log or earlier in the batch, is not), and
    /// when the commit is on the disk: none of the senders is answered before, not even those of repeats, whose first
    /// delivery may have committed without yet reaching it.
    /// </returns>
    public async Task<(bool[] Inserted, Task Durable)> WriteAsync(IReadOnlyList<EventRow> batch, WriterTurns turns)
    {
        bool[] inserted;
        using (await turns.TakeForAppendAsync(_db))
        {
            await using var transaction = await _db.Database.GetDbConnection().BeginTransactionAsync();
            inserted = await _rows.InsertAsync(transaction, batch);
            await transaction.CommitAsync();
        }

        return (inserted, _walSyncs?.SyncedAsync() ?? Task.CompletedTask);
    }

    public async ValueTask DisposeAsync()
    {
        await _rows.DisposeAsync();
        await _db.DisposeAsync();
    }
}
