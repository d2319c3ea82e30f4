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
/// once all of it is copied, which never happens while writers keep adding to it. So a second checkpoint follows
/// in the writers' turn, which copies the little added meanwhile and lets the next writer start the file over.
/// </summary>
internal sealed class WalCheckpointer(
    IDbContextFactory<SwitchboardDbContext> contexts,
    WriterTurns turns,
    EventLogActivity activity,
    ILogger<WalCheckpointer> logger) : BackgroundService
{
    private const string Checkpoint = "PRAGMA wal_checkpoint(PASSIVE);";

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

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
            await nextAppend.WaitAsync(stoppingToken);

            // Taken before copying, so that an append during the copy or the pause after it is copied in the next round.
            nextAppend = activity.NextAppendAsync();
            try
            {
                await using var db = await contexts.CreateDbContextAsync(stoppingToken);
                await db.Database.ExecuteSqlRawAsync(Checkpoint, stoppingToken);
                using (await turns.TakeAsync(db, stoppingToken))
                {
                    await db.Database.ExecuteSqlRawAsync(Checkpoint, stoppingToken);
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
}
