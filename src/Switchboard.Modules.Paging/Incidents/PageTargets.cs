using Microsoft.Extensions.Options;
using Switchboard.Core.Catalog;
using Switchboard.Core.Errors;
using Switchboard.Core.People;
using Switchboard.Modules.Paging.PagerDuty;

namespace Switchboard.Modules.Paging.Incidents;

/// <summary>
/// Whom <c>page</c> and <c>pages reassign</c> name, in PagerDuty's terms: <c>@person</c> is their proven PagerDuty user,
/// paged on a service one of their teams owns (else <c>Paging:DefaultService</c>); a team or a catalog service is the
/// PagerDuty service linked to it, whose escalation policy decides who is paged.
/// </summary>
internal sealed class PageTargets(IPersonDirectory directory, IServiceCatalog catalog, PagerDutyAccounts accounts, IOptions<PagingOptions> options)
{
    public async Task<(PageTarget? Target, Error? Error)> ResolveAsync(string reference, CancellationToken cancellationToken)
    {
        if (reference.StartsWith('@'))
        {
            if (await directory.FindAsync(reference, cancellationToken) is not { } person)
            {
                return (null, PagingErrors.UnknownPerson(reference));
            }

            if (await accounts.UserIdOfAsync(person.Id, cancellationToken) is not { } userId)
            {
                return (null, PagingErrors.PersonNotConnected(person.Handle));
            }

            return (new PageTarget("@" + person.Handle, await ServiceOfTeamsAsync(person.Id, cancellationToken) ?? options.Value.DefaultService, userId), null);
        }

        if (await directory.FindTeamAsync(reference, cancellationToken) is { } team)
        {
            var service = FirstLinked(await catalog.OwnedByAsync(team.Name, cancellationToken));
            return service is null ? (null, PagingErrors.NoPagerDutyService($"a service of team {team.Name}")) : (new PageTarget("team " + team.Name, service, null), null);
        }

        if (await catalog.FindAsync(reference, cancellationToken) is { } entry)
        {
            var service = FirstLinked([entry]);
            return service is null ? (null, PagingErrors.NoPagerDutyService($"service {entry.Name}")) : (new PageTarget("service " + entry.Name, service, null), null);
        }

        return (null, PagingErrors.UnknownTarget(reference));
    }

    private async Task<string?> ServiceOfTeamsAsync(PersonId person, CancellationToken cancellationToken)
    {
        foreach (var team in await directory.TeamsOfAsync(person, cancellationToken))
        {
            if (FirstLinked(await catalog.OwnedByAsync(team.Team, cancellationToken)) is { } service)
            {
                return service;
            }
        }

        return null;
    }

    private static string? FirstLinked(IEnumerable<CatalogEntry> services) =>
        services.OrderBy(s => s.Name, StringComparer.Ordinal).SelectMany(s => s.LinksOf(ServiceLinkKind.PagerDuty)).FirstOrDefault();
}

/// <param name="Label">How the reply names it: <c>@bob</c>, <c>team ops</c>, <c>service api</c>.</param>
/// <param name="ServiceId">The PagerDuty service to open an incident on; null for a person none of whose teams has one, with no default.</param>
/// <param name="UserId">The PagerDuty user to assign it to, for a person; null to let the service's escalation policy decide.</param>
internal sealed record PageTarget(string Label, string? ServiceId, string? UserId);
