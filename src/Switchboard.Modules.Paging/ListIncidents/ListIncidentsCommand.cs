using System.Globalization;
using Switchboard.Core.Catalog;
using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Modules.Paging.PagerDuty;

namespace Switchboard.Modules.Paging.ListIncidents;

/// <summary>
/// <c>pages [--team T] [--service S] [--mine]</c>: the open (triggered or acknowledged) PagerDuty incidents, newest
/// first, read as the person: on the PagerDuty services the catalog links to the team or service, assigned to them.
/// </summary>
internal sealed class ListIncidentsCommand(PagerDutyAccounts accounts, PagerDutyClient pagerDuty, IServiceCatalog catalog) : ICommandHandler<ListIncidentsArguments>
{
    private static readonly string[] Open = ["triggered", "acknowledged"];

    public static CommandDefinition Definition { get; } = new(
        Verb: "pages",
        Summary: "List open PagerDuty incidents: all, a team's, a service's or yours.",
        Permission: PagingPermissions.Read,
        // It needs a connected PagerDuty account, which no example run alone can have.
        Examples: [])
    {
        IsReadOnly = true,
        Variants = ["pages --team ops --mine"],
    };

    public async Task<CommandResult> HandleAsync(ListIncidentsArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var (caller, refusal) = await accounts.ActAsAsync(actor.PersonId, cancellationToken);
        if (caller is null)
        {
            return refusal!;
        }

        var services = new List<string>();
        if (arguments.Team is { } team)
        {
            var owned = (await catalog.OwnedByAsync(team, cancellationToken)).SelectMany(s => s.LinksOf(ServiceLinkKind.PagerDuty)).ToList();
            if (owned.Count == 0)
            {
                return PagingErrors.NoPagerDutyService($"a service of team {team}");
            }

            services.AddRange(owned);
        }

        if (arguments.Service is { } name)
        {
            if (await catalog.FindAsync(name, cancellationToken) is not { } entry || !entry.LinksOf(ServiceLinkKind.PagerDuty).Any())
            {
                return PagingErrors.NoPagerDutyService($"service {name}");
            }

            services.AddRange(entry.LinksOf(ServiceLinkKind.PagerDuty));
        }

        var answer = await pagerDuty.ListIncidentsAsync(caller, Open, services, arguments.Mine ? [caller.UserId] : [], cancellationToken);
        if (answer.Value is not { } incidents)
        {
            return answer.Error!;
        }

        if (incidents.Count == 0)
        {
            return Reply.Text("No open incidents.", Severity.Success);
        }

        var list = Reply.Build(incidents.Any(i => i.Status == "triggered") ? Severity.Error : Severity.Warning)
            .Line($"{incidents.Count.ToString(CultureInfo.InvariantCulture)} open incident{(incidents.Count == 1 ? "" : "s")}:");
        foreach (var incident in incidents)
        {
            var assignees = await accounts.NamesOfAsync(incident.Assignees, cancellationToken);
            list.Line($"`{incident.Id}` #{incident.IncidentNumber} **{incident.Title}** — {incident.Status}, {incident.Urgency} urgency, {incident.Service.Summary ?? incident.Service.Id}, {(assignees.Count == 0 ? "unassigned" : string.Join(", ", assignees))}");
        }

        return list.ToReply();
    }
}

internal sealed record ListIncidentsArguments(
    [Option("Only incidents on the PagerDuty services of this team's catalog services.", MaxLength = 64)] string? Team = null,
    [Option("Only incidents on this catalog service's PagerDuty service.", MaxLength = 64)] string? Service = null,
    [Option("Only incidents assigned to you.")] bool Mine = false);
