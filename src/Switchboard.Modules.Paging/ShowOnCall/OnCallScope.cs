using Switchboard.Core.Catalog;
using Switchboard.Core.Errors;
using Switchboard.Core.People;
using Switchboard.Modules.Paging.PagerDuty;

namespace Switchboard.Modules.Paging.ShowOnCall;

/// <summary>
/// Which on-calls <c>oncall</c> asks PagerDuty for: a team's or a catalog service's (the escalation policies of the
/// PagerDuty services linked to them), a schedule's (by name or id), or, with nothing named, those of the person's
/// teams' services, else everyone's.
/// </summary>
internal sealed class OnCallScope(IPersonDirectory directory, IServiceCatalog catalog, PagerDutyClient pagerDuty)
{
    public async Task<(OnCallFilter? Filter, Error? Error)> ResolveAsync(PagerDutyCaller caller, PersonId person, string? target, CancellationToken cancellationToken)
    {
        if (target is null)
        {
            var services = new List<CatalogEntry>();
            foreach (var team in await directory.TeamsOfAsync(person, cancellationToken))
            {
                services.AddRange(await catalog.OwnedByAsync(team.Team, cancellationToken));
            }

            var (mine, error) = await PoliciesOfAsync(caller, services, "your teams", cancellationToken);
            return mine is not null ? (mine, null) : error!.Code == "paging.no-pagerduty-service" ? (new OnCallFilter("everyone", [], []), null) : (null, error);
        }

        if (await directory.FindTeamAsync(target, cancellationToken) is { } found)
        {
            return await PoliciesOfAsync(caller, await catalog.OwnedByAsync(found.Name, cancellationToken), $"team {found.Name}", cancellationToken);
        }

        if (await catalog.FindAsync(target, cancellationToken) is { } service)
        {
            return await PoliciesOfAsync(caller, [service], $"service {service.Name}", cancellationToken);
        }

        return await ScheduleAsync(caller, target, cancellationToken);
    }

    private async Task<(OnCallFilter? Filter, Error? Error)> PoliciesOfAsync(PagerDutyCaller caller, IReadOnlyCollection<CatalogEntry> services, string label, CancellationToken cancellationToken)
    {
        var policies = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var id in services.SelectMany(s => s.LinksOf(ServiceLinkKind.PagerDuty)).Distinct(StringComparer.Ordinal))
        {
            var answer = await pagerDuty.GetServiceAsync(caller, id, cancellationToken);
            if (answer.Value is not { } linked)
            {
                return (null, answer.Error);
            }

            if (linked.EscalationPolicy is { } policy)
            {
                policies.Add(policy.Id);
            }
        }

        return policies.Count == 0 ? (null, PagingErrors.NoPagerDutyService(label)) : (new OnCallFilter(label, policies, []), null);
    }

    private async Task<(OnCallFilter? Filter, Error? Error)> ScheduleAsync(PagerDutyCaller caller, string target, CancellationToken cancellationToken)
    {
        var named = await pagerDuty.FindSchedulesAsync(caller, target, cancellationToken);
        if (named.Value is not { } schedules)
        {
            return (null, named.Error);
        }

        if (schedules.FirstOrDefault(s => string.Equals(s.Name, target, StringComparison.OrdinalIgnoreCase)) is { } byName)
        {
            return (new OnCallFilter($"schedule {byName.Name}", [], [byName.Id]), null);
        }

        var byId = await pagerDuty.GetScheduleAsync(caller, target, cancellationToken);
        return byId.Value is { } schedule
            ? (new OnCallFilter($"schedule {schedule.Name}", [], [schedule.Id]), null)
            : (null, byId.Error!.Code == "paging.pagerduty-refused" ? PagingErrors.UnknownOnCallTarget(target) : byId.Error);
    }
}

/// <param name="Label">How the reply names what was asked about: <c>team ops</c>, <c>schedule Primary</c>, <c>everyone</c>.</param>
/// <param name="EscalationPolicyIds">Only these policies' on-calls; none for every policy.</param>
/// <param name="ScheduleIds">Only these schedules' on-calls; none for every schedule.</param>
internal sealed record OnCallFilter(string Label, IReadOnlyCollection<string> EscalationPolicyIds, IReadOnlyCollection<string> ScheduleIds);
