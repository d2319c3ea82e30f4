using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Core.Security;
using Switchboard.Data;
using Switchboard.Modules.Rolodex.People;
using Switchboard.Modules.Rolodex.Teams;

namespace Switchboard.Modules.Rolodex.RemoveTeamMember;

internal sealed class RemoveTeamMemberCommand(SwitchboardDbContext db, PersonCards cards) : ICommandHandler<RemoveTeamMemberArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "team remove",
        Summary: "Remove a person from a team.",
        Permission: PermissionPolicy.FromArguments<RemoveTeamMemberArguments>(
            RolodexPermissions.ManageTeamMembers, arguments => RolodexPermissions.ManageTeamMembers.In(arguments.Team)),
        Examples: ["team remove ops @bob"])
    {
        ReportedAs = SuspectActionKinds.PermissionChanged,
    };

    public async Task<CommandResult> HandleAsync(RemoveTeamMemberArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var name = TeamRules.Normalize(arguments.Team);
        var teamId = await db.Set<Team>().Where(t => t.Name == name).Select(t => (Guid?)t.Id).SingleOrDefaultAsync(cancellationToken);
        if (teamId is null)
        {
            return RolodexErrors.UnknownTeam(name);
        }

        var (person, error) = await PersonLookup.FindAsync(db, arguments.Person.Value, cancellationToken);
        if (person is null)
        {
            return error!;
        }

        var removed = await db.Set<Membership>()
            .Where(m => m.TeamId == teamId && m.PersonId == person.Id)
            .ExecuteDeleteAsync(cancellationToken);
        cards.Forget(person.Id);
        return removed == 0
            ? RolodexErrors.NotAMember(person.Handle, name)
            : Reply.Text($"Removed @{person.Handle} from {name}.", Severity.Success);
    }
}

internal sealed record RemoveTeamMemberArguments(
    [Argument("The team.")] string Team,
    [Argument("The person: @handle, e-mail address or name.")] PersonReference Person);
