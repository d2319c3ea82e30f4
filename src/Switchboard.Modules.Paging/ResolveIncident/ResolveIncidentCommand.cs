using Switchboard.Core.Commands;
using Switchboard.Modules.Paging.Incidents;

namespace Switchboard.Modules.Paging.ResolveIncident;

/// <summary><c>pages resolve &lt;id&gt;</c>: resolves the incident on PagerDuty as the person.</summary>
internal sealed class ResolveIncidentCommand(IncidentActions incidents) : ICommandHandler<ResolveIncidentArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "pages resolve",
        Summary: "Resolve a PagerDuty incident, as you.",
        Permission: PagingPermissions.Respond,
        // It needs an incident and a connected PagerDuty account, which no example run alone can have.
        Examples: [])
    {
        Variants = ["pages resolve PT4KHLK"],
    };

    public Task<CommandResult> HandleAsync(ResolveIncidentArguments arguments, Actor actor, CancellationToken cancellationToken) =>
        incidents.RunAsync(
            arguments.Incident,
            actor,
            "resolve",
            (caller, id) => incidents.PagerDuty.UpdateIncidentAsync(caller, id, new Dictionary<string, object> { ["status"] = "resolved" }, cancellationToken),
            incident => $"You resolved incident #{incident.IncidentNumber} on PagerDuty.",
            cancellationToken);
}

internal sealed record ResolveIncidentArguments([Argument("The incident's id or number, as `pages` lists it.", MaxLength = 32)] string Incident);
