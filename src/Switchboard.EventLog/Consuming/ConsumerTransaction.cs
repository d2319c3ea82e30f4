using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Switchboard.Data;

namespace Switchboard.EventLog.Consuming;

internal static class ConsumerTransaction
{
    /// <summary>
    /// A consumer's transaction. On SQLite it commits without waiting for the disk: what it writes is derived from
    /// the log, and if a power cut loses it, its checkpoint goes with it and the events are handled again. The next
    /// commit that waits for the disk (an append, a command, a delivery) makes it durable too, as one WAL holds both.
    /// With the embedded log, nor does it copy the WAL into the database when that has grown: the checkpointer does,
    /// without holding the writer's turn that the appends wait for. With Kafka no checkpointer runs, and it does.
    /// </summary>
    /// <param name="checkpointer">Whether the embedded log's checkpointer runs in this process.</param>
    public static async Task<IDbContextTransaction> BeginAsync(SwitchboardDbContext db, bool checkpointer, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            // Each opening of a connection sets both back (Switchboard.Data's connection setup).
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync(
                checkpointer ? "PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 0;" : "PRAGMA synchronous = NORMAL;", cancellationToken);
        }

        // A failure rolls the whole transaction back, so the savepoint EF would take before each save is a statement for nothing.
        db.Database.AutoSavepointsEnabled = false;
        return await db.Database.BeginTransactionAsync(cancellationToken);
    }
}
