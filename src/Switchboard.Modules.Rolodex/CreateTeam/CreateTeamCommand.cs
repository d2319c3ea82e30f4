using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Data;
using Switchboard.Data.Database;
using Switchboard.Modules.Rolodex.Teams;

namespace Switchboard.Modules.Rolodex.CreateTeam;

internal sealed class CreateTeamCommand(SwitchboardDbContext db, TimeProvider clock) : ICommandHandler<CreateTeamArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "team create",
        Summary: "Create a team.",
        Permission: RolodexPermissions.ManageTeams,
        Examples: ["team create ops"]);

    public async Task<CommandResult> HandleAsync(CreateTeamArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var name = TeamRules.Normalize(arguments.Name);
        if (!TeamRules.IsName(name))
        {
            return RolodexErrors.InvalidTeamName(arguments.Name);
        }

        var now = clock.GetUtcNow();
        db.Add(new Team { Id = Guid.CreateVersion7(now), Name = name, CreatedAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            return RolodexErrors.TeamExists(name);
        }

        return Reply.Text($"Created team **{name}**. Add people with `team add {name} @handle`.", Severity.Success);
    }
}

internal sealed record CreateTeamArguments([Argument("The team's name: lower-case letters, digits and '-'.")] string Name);
