using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Audit;
using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Core.Security;
using Switchboard.Data;
using Switchboard.Modules.Rolodex.People;
using Switchboard.Modules.Rolodex.Teams;

namespace Switchboard.Modules.Rolodex.AddTeamMember;

/// <summary>
/// <c>team add</c>: adds a person to a team, or changes their role when they are in it. The team's admins and
/// administrators may; each change of a role is audited with the role before and after.
/// </summary>
internal sealed class AddTeamMemberCommand(SwitchboardDbContext db, PersonCards cards, IAuditLog audit, TimeProvider clock) : ICommandHandler<AddTeamMemberArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "team add",
        Summary: "Add a person to a team, or change their role in it.",
        Permission: PermissionPolicy.FromArguments<AddTeamMemberArguments>(
            RolodexPermissions.ManageTeamMembers, arguments => RolodexPermissions.ManageTeamMembers.In(arguments.Team)),
        Examples: ["team add ops @alice --role lead", "team add ops @bob"])
    {
        ReportedAs = SuspectActionKinds.PermissionChanged,
    };

    public async Task<CommandResult> HandleAsync(AddTeamMemberArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var name = TeamRules.Normalize(arguments.Team);
        var team = await db.Set<Team>().Include(t => t.Members).SingleOrDefaultAsync(t => t.Name == name, cancellationToken);
        if (team is null)
        {
            return RolodexErrors.UnknownTeam(name);
        }

        var (person, error) = await PersonLookup.FindAsync(db, arguments.Person.Value, cancellationToken);
        if (person is null)
        {
            return error!;
        }

        var membership = team.Members.SingleOrDefault(m => m.PersonId == person.Id);
        var before = membership?.Role.ToString().ToLowerInvariant() ?? "none";
        if (membership is null)
        {
            team.Members.Add(new Membership { TeamId = team.Id, PersonId = person.Id, Role = arguments.Role, JoinedAt = clock.GetUtcNow() });
        }
        else
        {
            membership.Role = arguments.Role;
        }

        await db.SaveChangesAsync(cancellationToken);
        cards.Forget(person.Id);
        var role = arguments.Role.ToString().ToLowerInvariant();
        await audit.AppendAsync(
            new AuditRecord(
                clock.GetUtcNow(), actor.PersonId, actor.FrontEnd.ToString().ToLowerInvariant(), "team.role-changed", AuditOutcomes.Succeeded, null,
                $"@{person.Handle} ({person.Id}) in {team.Name}: {before} -> {role}"),
            CancellationToken.None);
        return Reply.Text(
            membership is null ? $"Added @{person.Handle} to {team.Name} as {role}." : $"@{person.Handle} is now {role} of {team.Name}.",
            Severity.Success);
    }
}

internal sealed record AddTeamMemberArguments(
    [Argument("The team.")] string Team,
    [Argument("The person: @handle, e-mail address or name.")] PersonReference Person,
    [Option("member, lead or admin; member when omitted.")] TeamRole Role = TeamRole.Member);
