using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Data;
using Switchboard.Modules.Rolodex.Teams;

namespace Switchboard.Modules.Rolodex.ListTeams;

internal sealed class ListTeamsCommand(SwitchboardDbContext db) : ICommandHandler<NoArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "team list",
        Summary: "List the teams and how many people each has.",
        Permission: RolodexPermissions.Read,
        Examples: ["team list"])
    {
        IsReadOnly = true,
    };

    public async Task<CommandResult> HandleAsync(NoArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var teams = await db.Set<Team>()
            .OrderBy(t => t.Name)
            .Select(t => new { t.Name, Members = t.Members.Count })
            .ToListAsync(cancellationToken);
        return teams.Count == 0
            ? Reply.Text("There are no teams yet. An administrator creates one with `team create <name>`.")
            : Reply.Build()
                .Line($"{teams.Count} {(teams.Count == 1 ? "team" : "teams")}:")
                .Fields(teams.Select(t => (t.Name, $"{t.Members} {(t.Members == 1 ? "member" : "members")}")))
                .ToReply();
    }
}
