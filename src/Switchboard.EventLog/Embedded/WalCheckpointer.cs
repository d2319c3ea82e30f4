using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchboard.Data;

namespace Switchboard.EventLog.Embedded;

/// <summary>
/// On SQLite, copies the write-ahead log into the database file in the background while events are appended, at
/// most every <see cref="Interval"/>. A passive checkpoint waits for no writer, so the appends go on meanwhile; they
/// skip SQLite's automatic checkpoint, which would run inside the commit of whichever append crossed 1,000 pages
/// and keep that batch's senders waiting for it.
/// </summary>
internal sealed class WalCheckpointer(
    IDbContextFactory<SwitchboardDbContext> contexts,
    EventLogActivity activity,
    ILogger<WalCheckpointer> logger) : BackgroundService
{
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

        while (!stoppingToken.IsCancellationRequested)
        {
            await activity.NextAppendAsync().WaitAsync(stoppingToken);
            try
            {
                await using var db = await contexts.CreateDbContextAsync(stoppingToken);
                await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(PASSIVE);", stoppingToken);
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
