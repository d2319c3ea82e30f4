using Switchboard.Core.Commands;
using Switchboard.Data;
using Switchboard.Modules.Rolodex.People;

namespace Switchboard.Modules.Rolodex.ShowMe;

/// <summary><c>whoami</c>: who Switchboard thinks you are, from here, and how sure it is.</summary>
internal sealed class ShowMeCommand(SwitchboardDbContext db, PersonCards cards) : ICommandHandler<NoArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "whoami",
        Summary: "Show who you are signed in as, from where, and how strongly.",
        Permission: RolodexPermissions.Read,
        Examples: ["whoami"])
    {
        IsReadOnly = true,
    };

    public async Task<CommandResult> HandleAsync(NoArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var card = await cards.BuildAsync(db, actor.PersonId, cancellationToken);
        return card.Fields(
                ("Signed in through", actor.FrontEnd.ToString().ToLowerInvariant()),
                ("Assurance", actor.Assurance.ToString().ToLowerInvariant()),
                ("Access", actor.Access == ActorAccess.ReadOnly ? "read-only" : "read and write"))
            .ToReply();
    }
}
