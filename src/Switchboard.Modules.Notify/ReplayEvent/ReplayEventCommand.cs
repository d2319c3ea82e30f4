using System.Text.Json;
using Switchboard.Core.Commands;
using Switchboard.Core.Events;
using Switchboard.Core.Replies;
using Switchboard.Data;
using Switchboard.Delivery.Channels;
using Switchboard.EventLog.Browsing;
using Switchboard.Modules.Notify.Notifications;
using Switchboard.Modules.Notify.Routing;

namespace Switchboard.Modules.Notify.ReplayEvent;

/// <summary>
/// <c>events replay &lt;id&gt; [--in #channel]</c>: routes a handled or dead-lettered event again, with today's
/// catalog and subscriptions, to the channels that have not had it yet; with <c>--in</c>, to that channel
/// only. A dead-lettered event that now routes is no longer dead-lettered. Dispatch audits it.
/// </summary>
internal sealed class ReplayEventCommand(SwitchboardDbContext db, IEventLogReader log, NotificationRouter router, ChannelPosts channels)
    : ICommandHandler<ReplayEventArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "events replay",
        Summary: "Route a logged event again: to the channels that want it and have not had it, or with --in to that channel alone.",
        Permission: NotifyPermissions.Replay,
        Examples: ["events replay 1", "events replay 1 --in #incidents"]);

    public async Task<CommandResult> HandleAsync(ReplayEventArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var id = arguments.Id;
        if (await log.FindAsync(NotificationRouter.ConsumerName, id, cancellationToken) is not ({ } browsed, { } logged))
        {
            return NotifyErrors.UnknownEvent(id);
        }

        if (browsed.Status == EventStatus.Waiting)
        {
            return NotifyErrors.EventWaiting(id);
        }

        var only = arguments.In?.TrimStart('#').ToLowerInvariant();
        if (only is not null && !await channels.ExistsAsync(only, cancellationToken))
        {
            return NotifyErrors.UnknownChannel("#" + only);
        }

        Notification? notification;
        try
        {
            notification = router.Render(logged);
        }
        catch (JsonException exception)
        {
            return NotifyErrors.UnreadableEvent(id, exception.Message);
        }

        if (notification is null && only is not null)
        {
            return NotifyErrors.NothingToPost(id, logged.Source, logged.Type);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var routed = notification is null ? null : await router.RouteAsync(logged, notification, new Replay(actor.PersonId, only), cancellationToken);
        // Routed to everyone who wants it, it is handled now; posted to one channel, it is not.
        var revived = only is null && await log.ClearDeadLetterAsync(NotificationRouter.ConsumerName, browsed, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var outcome = routed switch
        {
            null => $"Event {id} makes no notification, so there was nothing to post.",
            { Posted.Count: > 0 } => $"Replayed event {id}: posted to {Channels(routed.Posted)}." + (routed.HadIt.Count > 0 ? $" {Channels(routed.HadIt)} had it already." : ""),
            { HadIt.Count: > 0 } => $"Event {id} was not posted again: {Channels(routed.HadIt)} had it already.",
            _ => $"Event {id} was not posted: no channel wants it.",
        };
        return Reply.Text(
            revived ? outcome + " It is no longer dead-lettered." : outcome,
            routed?.Posted.Count > 0 || revived ? Severity.Success : Severity.Info);
    }

    private static string Channels(IEnumerable<string> names) => string.Join(", ", names.Select(n => "#" + n));
}

internal sealed record ReplayEventArguments(
    [Argument("The event's id, as `events` lists it.")] long Id,
    [Option("Post it to this channel only, e.g. #ops, whatever subscribes where.", MaxLength = 81)] string? In = null);
