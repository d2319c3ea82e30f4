using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Core.People;
using Switchboard.Core.Replies;
using Switchboard.Core.Security;
using Switchboard.Delivery.Channels;

namespace Switchboard.Modules.Trust.ReportSuspectActions;

/// <summary>
/// Posts each reported suspect action to <c>Trust:SecurityChannel</c> through the outbox, in a scope of its own,
/// so it reaches the channel's history and every bridge (Slack) that carries the channel.
/// </summary>
internal sealed class PostSuspectActions(
    SuspectActionQueue queue, IServiceScopeFactory scopes, IOptions<TrustOptions> options, ILogger<PostSuspectActions> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var action in queue.Waiting.ReadAllAsync(stoppingToken))
        {
            var channel = options.Value.SecurityChannel!;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var who = action.Who is { } id ? await scope.ServiceProvider.GetRequiredService<IPersonDirectory>().FindAsync(id, stoppingToken) : null;
                var message = MessageFor(action, who);
                var error = await scope.ServiceProvider.GetRequiredService<ChannelPosts>().PostAsync(channel, message, threadKey: null, stoppingToken);
                if (error is not null)
                {
                    logger.SuspectActionNotPosted(action.Kind, channel, error.Detail);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The database may be down for a moment; the report is lost, but not the log line that says so.
                logger.SuspectActionFailed(exception, action.Kind, channel);
            }
        }
    }

    private static Reply MessageFor(SuspectAction action, PersonSummary? who) =>
        Reply.Build(Severity.Warning)
            .Line($"**Suspect action** · `{action.Kind}`")
            .Fields(
                ("Who", who is not null ? $"@{who.Handle} ({who.DisplayName})" : action.Who?.ToString() ?? "unknown"),
                ("What", action.What),
                ("Where", action.Where),
                ("When", action.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)))
            .ToReply();
}
