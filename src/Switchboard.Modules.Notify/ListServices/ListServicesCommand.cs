using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Data;
using Switchboard.Modules.Notify.Catalog;

namespace Switchboard.Modules.Notify.ListServices;

internal sealed class ListServicesCommand(SwitchboardDbContext db) : ICommandHandler<ListServicesArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "service list",
        Summary: "List the services in the catalog, or one team's.",
        Permission: NotifyPermissions.Read,
        Examples: ["service list", "service list --team ops"])
    {
        IsReadOnly = true,
    };

    public async Task<CommandResult> HandleAsync(ListServicesArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var team = arguments.Team?.Trim().ToLowerInvariant();
        var services = await db.Set<Service>().AsNoTracking().Include(s => s.Links)
            .Where(s => team == null || s.Team == team)
            .OrderBy(s => s.Team).ThenBy(s => s.Name)
            .ToListAsync(cancellationToken);
        if (services.Count == 0)
        {
            return Reply.Text(team is null
                ? "The catalog is empty. `service create api --team ops --channel #ops` adds a service."
                : $"Team {team} owns no services.");
        }

        var reply = Reply.Build();
        foreach (var group in services.GroupBy(s => s.Team))
        {
            reply.Section(group.Key, section => section.Fields(group.Select(s => (s.Name, Summary(s)))));
        }

        return reply.ToReply();
    }

    private static string Summary(Service service)
    {
        var links = service.ToEntry().Links.Select(l => $"{ServiceRules.OptionFor(l.Kind)} `{l.Value}`");
        return string.Join(", ", links.Prepend(service.Channel is null ? "no channel" : "#" + service.Channel));
    }
}

internal sealed record ListServicesArguments([Option("Only this team's services.", MaxLength = 64)] string? Team = null);
