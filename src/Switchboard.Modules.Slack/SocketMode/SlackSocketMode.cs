using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Modules.Slack.Inbound;
using Switchboard.Modules.Slack.WebApi;

namespace Switchboard.Modules.Slack.SocketMode;

/// <summary>
/// Socket Mode, for installs Slack cannot reach: with <c>Slack:AppToken</c> set, Switchboard asks Slack for a WebSocket
/// address, connects out, and takes the same requests it would take at <c>/slack/...</c> over it, each appended to the
/// event log before its envelope is acknowledged. Slack refreshes connections now and then; when it asks, a new
/// connection opens while the old one finishes what it carries, so nothing in between is missed. A connection that
/// cannot be opened is tried again, waiting longer each time up to a minute.
/// https://docs.slack.dev/apis/events-api/using-socket-mode
/// </summary>
internal sealed class SlackSocketMode(
    IServiceScopeFactory scopes,
    SlackIngress ingress,
    SlackInboundTelemetry telemetry,
    IOptions<SlackOptions> options,
    ILogger<SlackSocketMode> logger) : BackgroundService
{
    /// <summary>How long a connection Slack asked to replace may finish its envelopes before it is closed.</summary>
    private static readonly TimeSpan Overlap = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastRetry = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.AppToken is not { Length: > 0 })
        {
            return;
        }

        var failures = 0;
        var open = new List<SocketModeConnection>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var connection = await ConnectAsync(stoppingToken);
                if (connection is not null)
                {
                    open.Add(connection);
                    await Task.WhenAny(connection.Ended, connection.RefreshRequested).WaitAsync(stoppingToken);
                    connection.CloseAfter(Overlap);
                    await ForgetEndedAsync(open);
                }

                // A connection Slack closed before saying hello was refused, and is tried again only after a wait,
                // in real time whatever the clock says: it paces calls to Slack.
                if (connection is not { WasGreeted: true })
                {
                    await Task.Delay(Backoff(++failures), stoppingToken);
                    continue;
                }

                failures = 0;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the connections close below, and Slack sends again what was not acknowledged.
        }
        finally
        {
            foreach (var connection in open)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private static async Task ForgetEndedAsync(List<SocketModeConnection> open)
    {
        foreach (var ended in open.Where(c => c.Ended.IsCompleted).ToList())
        {
            open.Remove(ended);
            await ended.DisposeAsync();
        }
    }

    private async Task<SocketModeConnection?> ConnectAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var opened = await scope.ServiceProvider.GetRequiredService<SlackWebApi>().OpenConnectionAsync(stoppingToken);
        if (!opened.IsSuccess)
        {
            logger.SocketModeNotOpened(opened.Error!.Code, opened.Error.Detail);
            return null;
        }

        return await SocketModeConnection.ConnectAsync(opened.Value!, ingress, telemetry, logger, stoppingToken);
    }

    /// <summary>Doubles from a second up to a minute, with jitter so that several processes do not knock in step.</summary>
    private static TimeSpan Backoff(int failures)
    {
        var wait = FirstRetry * Math.Pow(2, Math.Min(failures - 1, 6));
        return TimeSpan.FromTicks((long)(Math.Min(wait.Ticks, LastRetry.Ticks) * (0.5 + Random.Shared.NextDouble() / 2)));
    }
}
