using Switchboard.Core.Commands;
using Switchboard.Modules.Paging.Incidents;

namespace Switchboard.Modules.Paging.ShowIncident;

/// <summary><c>pages show &lt;id&gt;</c>: the incident as PagerDuty has it now, read as the person.</summary>
internal sealed class ShowIncidentCommand(IncidentActions incidents) : ICommandHandler<ShowIncidentArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "pages show",
        Summary: "Show a PagerDuty incident: status, urgency, service, who has it, and buttons to act on it.",
        Permission: PagingPermissions.Read,
        // It needs an incident and a connected PagerDuty account, which no example run alone can have.
        Examples: [])
    {
        IsReadOnly = true,
        Variants = ["pages show PT4KHLK"],
    };

    public Task<CommandResult> HandleAsync(ShowIncidentArguments arguments, Actor actor, CancellationToken cancellationToken) =>
        incidents.RunAsync(
            arguments.Incident,
            actor,
            "show",
            (caller, id) => incidents.PagerDuty.GetIncidentAsync(caller, id, cancellationToken),
            _ => null,
            cancellationToken);
}

internal sealed record ShowIncidentArguments([Argument("The incident's id or number, as `pages` lists it.", MaxLength = 32)] string Incident);
