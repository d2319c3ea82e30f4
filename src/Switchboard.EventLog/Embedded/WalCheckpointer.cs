using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchboard.Data;

namespace Switchboard.EventLog.Embedded;

/// <summary>
/// On SQLite, copies the write-ahead log into the database file in the background while events are appended, at
/// most every <see cref="Interval"/>; the appends and consumers skip SQLite's automatic checkpoint, which would run
/// inside the commit of whichever crossed 1,000 pages and keep an append batch's senders waiting for it. A passive
/// checkpoint waits for no writer, so the appends go on while it copies; but SQLite starts the WAL file over only
/// once all of it is copied, which never happens while writers keep adding to it. So a last checkpoint follows in
/// the writers' turn, which copies the little added meanwhile and lets the next writer start the file over. Appends
/// wait for that one, so passive passes run first until what is left is small: each pass copies what was added
/// during the one before, in a fraction of its time. It also runs every <see cref="IdleRound"/> without appends: consumers
/// catching up after a burst write several pages per event, and left alone they grew the WAL by gigabytes.
/// </summary>
internal sealed class WalCheckpointer(
    IDbContextFactory<SwitchboardDbContext> contexts,
    WriterTurns turns,
    EventLogActivity activity,
    ILogger<WalCheckpointer> logger) : BackgroundService
{
    private const string Checkpoint = "PRAGMA wal_checkpoint(PASSIVE);";

    /// <summary>Pages (4 KiB each) that the checkpoint in the writers' turn may find to copy: about a millisecond's work.</summary>
    private const long SmallRemainder = 256;

    /// <summary>Passive passes before the turn is taken anyway: the remainder shrinks fast unless writes outpace the copy.</summary>
    private const int MostPasses = 4;

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private static readonly TimeSpan IdleRound = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using (var probe = await contexts.CreateDbContextAsync(stoppingToken))
        {
            if (!probe.Database.IsSqlite())
            {
                return;
            }
        }

        var nextAppend = activity.NextAppendAsync();
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.WhenAny(nextAppend, Task.Delay(IdleRound, stoppingToken));
            stoppingToken.ThrowIfCancellationRequested();

            var appended = nextAppend.IsCompleted;

            // Taken before copying, so that an append during the copy or the pause after it is copied in the next round.
            nextAppend = activity.NextAppendAsync();
            try
            {
                await using var db = await contexts.CreateDbContextAsync(stoppingToken);
                await db.Database.OpenConnectionAsync(stoppingToken);
                // The turn is a gap between appends in which the next one starts the file over; appending, they never
                // leave one. Without appends and with nothing left to copy, it would give that gap to no one.
                if (await CopyUntilLittleIsLeftAsync(db, stoppingToken) || appended)
                {
                    using (await turns.TakeAsync(db, stoppingToken))
                    {
                        await CheckpointAsync(db, stoppingToken);
                    }
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // Other writers' automatic checkpoints still keep the log from growing without end.
                logger.CheckpointFailed(exception);
            }

            await Task.Delay(Interval, stoppingToken);
        }
    }

    /// <summary>
    /// Each pass copies what was added during the one before, so the next writers' turn will find about as much to copy
    /// as the last pass did.
    /// </summary>
    /// <returns>Whether pages are left to copy; none is an idle server's usual answer.</returns>
    private static async Task<bool> CopyUntilLittleIsLeftAsync(DbContext db, CancellationToken cancellationToken)
    {
        var (inWal, copiedBefore) = await CheckpointAsync(db, cancellationToken);
        for (var pass = 1; pass < MostPasses && copiedBefore < inWal; pass++)
        {
            (inWal, var copied) = await CheckpointAsync(db, cancellationToken);
            // Fewer copied than before: a writer started the WAL over in between.
            var copiedThisPass = copied >= copiedBefore ? copied - copiedBefore : copied;
            copiedBefore = copied;
            if (copiedThisPass <= SmallRemainder)
            {
                break;
            }
        }

        return copiedBefore < inWal;
    }

    /// <returns>The pragma's answer but the first (busy): pages in the WAL, and how many of them are in the database file.</returns>
    private static async Task<(long InWal, long Copied)> CheckpointAsync(DbContext db, CancellationToken cancellationToken)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = Checkpoint;
        await using var result = await command.ExecuteReaderAsync(cancellationToken);
        return await result.ReadAsync(cancellationToken) ? (result.GetInt64(1), result.GetInt64(2)) : (0, 0);
    }
}
