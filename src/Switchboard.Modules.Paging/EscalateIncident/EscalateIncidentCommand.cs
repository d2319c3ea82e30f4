using Switchboard.Core.Commands;
using Switchboard.Modules.Paging.Incidents;

namespace Switchboard.Modules.Paging.EscalateIncident;

/// <summary>
/// <c>pages escalate &lt;id&gt; [--level N]</c>: escalates the incident to a level of its escalation policy, as the
/// person. PagerDuty's incident does not say which level it is at, so without <c>--level</c> it goes to level 2, the
/// one after the first responders.
/// </summary>
internal sealed class EscalateIncidentCommand(IncidentActions incidents) : ICommandHandler<EscalateIncidentArguments>
{
    public const int DefaultLevel = 2;

    public static CommandDefinition Definition { get; } = new(
        Verb: "pages escalate",
        Summary: "Escalate a PagerDuty incident to a level of its escalation policy (2 unless --level), as you.",
        Permission: PagingPermissions.Respond,
        // It needs an incident and a connected PagerDuty account, which no example run alone can have.
        Examples: [])
    {
        Variants = ["pages escalate PT4KHLK --level 3"],
    };

    public async Task<CommandResult> HandleAsync(EscalateIncidentArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var level = arguments.Level ?? DefaultLevel;
        if (level < 1)
        {
            return PagingErrors.InvalidLevel(level);
        }

        return await incidents.RunAsync(
            arguments.Incident,
            actor,
            "escalate",
            (caller, id) => incidents.PagerDuty.UpdateIncidentAsync(caller, id, new Dictionary<string, object> { ["escalation_level"] = level }, cancellationToken),
            incident => $"You escalated incident #{incident.IncidentNumber} to level {level} on PagerDuty.",
            cancellationToken);
    }
}

internal sealed record EscalateIncidentArguments(
    [Argument("The incident's id or number, as `pages` lists it.", MaxLength = 32)] string Incident,
    [Option("The escalation level to go to; 2 when omitted.")] int? Level = null);
