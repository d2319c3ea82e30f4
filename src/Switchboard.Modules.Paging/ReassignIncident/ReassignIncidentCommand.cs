using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Modules.Paging.Incidents;
using Switchboard.Modules.Paging.PagerDuty;

namespace Switchboard.Modules.Paging.ReassignIncident;

/// <summary>
/// <c>pages reassign &lt;id&gt; &lt;@person|team&gt;</c>: gives the incident to a person (their proven PagerDuty user)
/// or to a team (the escalation policy of its linked PagerDuty service), as the person. Without a target (the
/// incident message's Page someone else button) it says how to name one.
/// </summary>
internal sealed class ReassignIncidentCommand(IncidentActions incidents, PageTargets targets, PagerDutyAccounts accounts) : ICommandHandler<ReassignIncidentArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "pages reassign",
        Summary: "Give a PagerDuty incident to a person or a team, as you.",
        Permission: PagingPermissions.Respond,
        // It needs an incident and a connected PagerDuty account, which no example run alone can have.
        Examples: [])
    {
        Variants = ["pages reassign PT4KHLK @bob"],
    };

    public async Task<CommandResult> HandleAsync(ReassignIncidentArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        if (!IncidentActions.IsIncidentId(arguments.Incident))
        {
            return PagingErrors.InvalidIncidentId(arguments.Incident);
        }

        if (arguments.To is not { Length: > 0 } to)
        {
            return Reply.Text($"Type `pages reassign {arguments.Incident} @person` or `pages reassign {arguments.Incident} <team>` to page someone else with it.");
        }

        var (caller, refusal) = await accounts.ActAsAsync(actor.PersonId, cancellationToken);
        if (caller is null)
        {
            return refusal!;
        }

        var (target, unknown) = await targets.ResolveAsync(to, cancellationToken);
        if (target is null)
        {
            return unknown!;
        }

        Dictionary<string, object> change;
        if (target.UserId is { } userId)
        {
            change = new() { ["assignments"] = new[] { new { assignee = new { id = userId, type = "user_reference" } } } };
        }
        else if (target.ServiceId is { } serviceId)
        {
            var service = await incidents.PagerDuty.GetServiceAsync(caller, serviceId, cancellationToken);
            if (service.Value?.EscalationPolicy is not { } policy)
            {
                return service.Error ?? PagingErrors.NoPagerDutyService(target.Label);
            }

            change = new() { ["escalation_policy"] = new { id = policy.Id, type = "escalation_policy_reference" } };
        }
        else
        {
            return PagingErrors.NoPagerDutyService(target.Label);
        }

        return await incidents.RunAsync(
            arguments.Incident,
            actor,
            "reassign",
            (_, id) => incidents.PagerDuty.UpdateIncidentAsync(caller, id, change, cancellationToken),
            incident => $"You gave incident #{incident.IncidentNumber} to {target.Label} on PagerDuty.",
            cancellationToken);
    }
}

internal sealed record ReassignIncidentArguments(
    [Argument("The incident's id or number, as `pages` lists it.", MaxLength = 32)] string Incident,
    [Argument("Whom to give it to: @person or a team.", MaxLength = 320)] string? To = null);
