using Switchboard.Core.Commands;
using Switchboard.Core.Events;
using Switchboard.Core.Replies;
using Switchboard.Modules.Notify.Catalog;
using Switchboard.Modules.Notify.History;
using Switchboard.Modules.Notify.Timeline;

namespace Switchboard.Modules.Notify.ListEvents;

/// <summary><c>events</c>: the newest events in the log, each with what it was about and how far the router got with it.</summary>
internal sealed class ListEventsCommand(EventHistory history) : ICommandHandler<ListEventsArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "events",
        Summary: "List recent webhook events: their source, type, keys and service, and whether each was handled, dead-lettered or is waiting.",
        Permission: NotifyPermissions.Read,
        Examples: ["events", "events --source github --since 7d", "events --service api --limit 10"])
    {
        IsReadOnly = true,
    };

    public async Task<CommandResult> HandleAsync(ListEventsArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var (span, invalid) = Lookback.Parse(arguments.Since);
        if (span is null)
        {
            return invalid!;
        }

        var source = arguments.Source?.ToLowerInvariant();
        var (events, error) = await history.RecentAsync(new EventFilter(source, arguments.Service, span.Value, arguments.Limit), cancellationToken);
        if (events is null)
        {
            return error!;
        }

        var which = (source is null ? "" : $" from {source}") + (arguments.Service is null ? "" : $" of service {arguments.Service.ToLowerInvariant()}");
        if (events.Count == 0)
        {
            return Reply.Text($"No events{which} in the last {arguments.Since}.");
        }

        var reply = Reply.Build(events.Any(e => e.Status == EventStatus.DeadLettered) ? Severity.Warning : Severity.Info)
            .Line($"{events.Count} {(events.Count == 1 ? "event" : "events")}{which} in the last {arguments.Since}, newest first:");
        foreach (var e in events)
        {
            reply.Line(EventLines.Line(e, actor.Person.TimeZone));
        }

        if (events.Count == arguments.Limit)
        {
            reply.Line($"Only the newest {arguments.Limit} are shown; --limit shows up to {EventFilter.MaxLimit}.");
        }

        return reply.Line("`events show <id>` shows one in full.").ToReply();
    }
}

internal sealed record ListEventsArguments(
    [Option("Only this source's events: github, pagerduty, sentry, rollbar, librato or a custom source.", MaxLength = 64)] string? Source = null,
    [Option("Only the events of this service in the catalog.", MaxLength = ServiceRules.MaxNameLength)] string? Service = null,
    [Option("How far back: 90m, 24h, 7d.", MaxLength = 8)] string Since = "24h",
    [Option("How many at most, newest first.")] int Limit = 25);
