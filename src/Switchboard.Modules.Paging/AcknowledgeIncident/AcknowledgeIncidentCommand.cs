using Switchboard.Core.Commands;
using Switchboard.Modules.Paging.Incidents;

namespace Switchboard.Modules.Paging.AcknowledgeIncident;

/// <summary><c>pages ack &lt;id&gt;</c>: acknowledges the incident on PagerDuty as the person, so PagerDuty's log names them.</summary>
internal sealed class AcknowledgeIncidentCommand(IncidentActions incidents) : ICommandHandler<AcknowledgeIncidentArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "pages ack",
        Summary: "Acknowledge a PagerDuty incident, as you.",
        Permission: PagingPermissions.Respond,
        // It needs an incident and a connected PagerDuty account, which no example run alone can have.
        Examples: [])
    {
        Variants = ["pages ack PT4KHLK"],
    };

    public Task<CommandResult> HandleAsync(AcknowledgeIncidentArguments arguments, Actor actor, CancellationToken cancellationToken) =>
        incidents.RunAsync(
            arguments.Incident,
            actor,
            "acknowledge",
            (caller, id) => incidents.PagerDuty.UpdateIncidentAsync(caller, id, new Dictionary<string, object> { ["status"] = "acknowledged" }, cancellationToken),
            incident => $"You acknowledged incident #{incident.IncidentNumber} on PagerDuty.",
            cancellationToken);
}

internal sealed record AcknowledgeIncidentArguments([Argument("The incident's id or number, as `pages` lists it.", MaxLength = 32)] string Incident);
