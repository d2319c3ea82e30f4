using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Modules.Notify.Catalog;
using Switchboard.Modules.Notify.Timeline;

namespace Switchboard.Modules.Notify.ShowService;

internal sealed class ShowServiceCommand(ServiceCatalog catalog, ServiceTimeline timeline) : ICommandHandler<ShowServiceArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "service show",
        Summary: "Show a service: its team, channel, links and open alerts.",
        Permission: NotifyPermissions.Read,
        Examples: ["service show api"])
    {
        IsReadOnly = true,
    };

    public async Task<CommandResult> HandleAsync(ShowServiceArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(arguments.Name, cancellationToken) is not { } service)
        {
            return NotifyErrors.UnknownService(arguments.Name);
        }

        var open = await timeline.OpenAlertsAsync(service.Name, cancellationToken);
        var reply = Reply.Build(open.Count == 0 ? Severity.Info : Severity.Warning)
            .Line($"**{service.Name}**")
            .Fields(ServiceCard.Fields(service))
            .Line(open.Count == 0 ? "No open alerts." : $"{open.Count} open {(open.Count == 1 ? "alert" : "alerts")}:");
        foreach (var alert in open)
        {
            reply.Line(TimelineLines.Line(alert, actor.Person.TimeZone));
        }

        return reply.Line($"`activity {service.Name}` shows what happened lately.").ToReply();
    }
}

internal sealed record ShowServiceArguments([Argument("The service.", MaxLength = ServiceRules.MaxNameLength)] string Name);
