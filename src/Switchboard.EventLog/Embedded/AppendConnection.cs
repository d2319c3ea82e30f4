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
    private readonly IEventRows _rows;

    private AppendConnection(SwitchboardDbContext db, IEventRows rows, string? walToSync)
    {
        _db = db;
        _rows = rows;
        WalToSync = walToSync;
    }

    /// <summary>The WAL file to sync after a commit; null when a commit syncs by itself.</summary>
    public string? WalToSync { get; }

    /// <param name="keys">What the log holds, kept across connections: used on SQLite only.</param>
    public static async Task<AppendConnection> OpenAsync(IDbContextFactory<SwitchboardDbContext> contexts, LoggedKeys keys)
    {
        var db = await contexts.CreateDbContextAsync();
        try
        {
            // Opened here, the connection stays open until the context is disposed.
            await db.Database.OpenConnectionAsync();
            var connection = db.Database.GetDbConnection();
            return db.Database.IsSqlite()
                ? new AppendConnection(db, new SqliteEventRows(connection, keys), await SqliteWal.CommitsWithoutSyncAsync(db))
                : new AppendConnection(db, new PostgresEventRows((Npgsql.NpgsqlConnection)connection), null);
        }
        catch
        {
            // Whatever failed, the context must not outlive the attempt.
            await db.DisposeAsync();
            throw;
        }
    }

    /// <returns>For each event, whether its row was inserted; a repeat of a key, in the log or earlier in the batch, is not.</returns>
    public async Task<bool[]> WriteAsync(IReadOnlyList<EventRow> batch, WriterTurns turns)
    {
        using (await turns.TakeForAppendAsync(_db))
        {
            await using var transaction = await _db.Database.GetDbConnection().BeginTransactionAsync();
            var inserted = await _rows.InsertAsync(transaction, batch);
            await transaction.CommitAsync();
            _rows.Committed();
            return inserted;
        }
    }

    /// <summary>
    /// Disposes of a connection a batch failed on, and on PostgreSQL of the idle ones in its pool: a server that ended this
    /// one (a restart, an administrator) ended those too, and the retry would be handed one of them.
    /// </summary>
    public async ValueTask DropAsync()
    {
        if (_db.Database.GetDbConnection() is Npgsql.NpgsqlConnection postgres)
        {
            Npgsql.NpgsqlConnection.ClearPool(postgres);
        }

        await DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _rows.DisposeAsync();
        }
        finally
        {
            await _db.DisposeAsync();
        }
    }
}
