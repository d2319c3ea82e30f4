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
    /// Nor does it copy the WAL into the database when that has grown: the checkpointer does, without holding the
    /// writer's turn that the appends wait for.
    /// </summary>
    public static async Task<IDbContextTransaction> BeginAsync(SwitchboardDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            // Each opening of a connection sets both back (Switchboard.Data's connection setup).
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 0;", cancellationToken);
        }

        return await db.Database.BeginTransactionAsync(cancellationToken);
    }
}
