using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Data;
using Switchboard.Modules.Rolodex.People;
using Switchboard.Modules.Rolodex.Teams;

namespace Switchboard.Modules.Rolodex.ShowTeam;

internal sealed class ShowTeamCommand(SwitchboardDbContext db) : ICommandHandler<ShowTeamArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "team show",
        Summary: "Show a team and its members.",
        Permission: RolodexPermissions.Read,
        Examples: ["team show ops"])
    {
        IsReadOnly = true,
    };

    public async Task<CommandResult> HandleAsync(ShowTeamArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var name = TeamRules.Normalize(arguments.Team);
        var team = await db.Set<Team>().AsNoTracking().SingleOrDefaultAsync(t => t.Name == name, cancellationToken);
        if (team is null)
        {
            return RolodexErrors.UnknownTeam(name);
        }

        var members = await db.Set<Membership>()
            .Where(m => m.TeamId == team.Id)
            .Join(db.Set<Person>(), m => m.PersonId, p => p.Id, (m, p) => new { p.Handle, p.DisplayName, m.Role })
            .ToListAsync(cancellationToken);
        var reply = Reply.Build().Line($"**{team.Name}**: {members.Count} {(members.Count == 1 ? "member" : "members")}");
        return members.Count == 0
            ? reply.Line($"Nobody yet. Add people with `team add {team.Name} @handle`.").ToReply()
            : reply.Fields(members
                    .OrderByDescending(m => m.Role)
                    .ThenBy(m => m.Handle, StringComparer.Ordinal)
                    .Select(m => ("@" + m.Handle, $"{m.DisplayName}, {m.Role.ToString().ToLowerInvariant()}")))
                .ToReply();
    }
}

internal sealed record ShowTeamArguments([Argument("The team.")] string Team);
