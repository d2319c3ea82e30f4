using System.Runtime.InteropServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Win32.SafeHandles;

namespace Switchboard.EventLog.Embedded;

/// <summary>
/// Lets an append batch on SQLite hold the write lock only while it writes, not while the disk syncs. In WAL mode a
/// commit with <c>synchronous=FULL</c> syncs the WAL while holding the lock, and every consumer waits the 1 to 5 ms
/// that takes here. Instead the batch commits with <c>synchronous=NORMAL</c> and, having let go of the lock, syncs
/// the WAL file itself before any sender is answered: the same promise, as a WAL is written in order and a sync
/// covers everything written to the file before it (other writers' commits too). SQLite keeps its own syncs around
/// checkpoints and WAL restarts. A database not in WAL mode (an in-memory one) keeps <c>synchronous=FULL</c>.
/// </summary>
internal static partial class SqliteWal
{
    /// <summary>Sets the append's open connection to commit without syncing and to skip the automatic checkpoint.</summary>
    /// <returns>The WAL file to flush once a transaction has committed; null when a commit syncs by itself.</returns>
    public static async Task<string?> CommitsWithoutSyncAsync(DbContext db)
    {
        // The checkpointer copies the WAL into the database in the background, not in the time a sender waits.
        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_autocheckpoint = 0;");
        var walMode = await db.Database.SqlQueryRaw<string>("SELECT journal_mode AS \"Value\" FROM pragma_journal_mode()").SingleAsync() == "wal";
        if (!walMode)
        {
            return null;
        }

        await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous = NORMAL;");
        return db.Database.GetDbConnection().DataSource + "-wal";
    }

    /// <summary>
    /// Opened anew each time, so that a WAL SQLite deleted and made again (once its last connection closed, as after a
    /// failed append drops the held one) is the one synced. On Linux with <c>fdatasync</c>, as SQLite syncs it itself:
    /// the file's times need not reach the disk, and their journal commit made a sync wait behind the checkpointer's
    /// writes to the database file, for up to 15 ms here.
    /// </summary>
    public static void FlushToDisk(string walPath)
    {
        using var wal = new FileStream(walPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        if (!OperatingSystem.IsLinux())
        {
            wal.Flush(flushToDisk: true);
        }
        else if (FDataSync(wal.SafeFileHandle) != 0)
        {
            throw new IOException($"Syncing '{walPath}' to disk failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    private static partial int FDataSync(SafeFileHandle file);
}
