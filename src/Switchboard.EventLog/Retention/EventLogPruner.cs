using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Switchboard.EventLog.Retention;

/// <summary>Applies the log's retention an hour apart, in processes that run the consumers, the first time soon after start.</summary>
internal sealed class EventLogPruner(
    EventLogRetention retention,
    IOptions<EventLogOptions> options,
    TimeProvider clock,
    ILogger<EventLogPruner> logger) : BackgroundService
{
    private static readonly TimeSpan AfterStart = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Consume || options.Value.RetentionDays == 0)
        {
            return;
        }

        try
        {
            await Task.Delay(AfterStart, clock, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await retention.PruneAsync(stoppingToken);
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    // What was not dropped now is dropped next time; the log only stays larger for a while.
                    logger.PruningFailed(exception);
                }

                await Task.Delay(Interval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
