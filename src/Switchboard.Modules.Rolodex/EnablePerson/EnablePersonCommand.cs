using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Data;
using Switchboard.Modules.Rolodex.People;

namespace Switchboard.Modules.Rolodex.EnablePerson;

/// <summary><c>person enable</c>: lifts <c>person disable</c>. What was revoked stays revoked; a new sign-in link lets them back in.</summary>
internal sealed class EnablePersonCommand(SwitchboardDbContext db, PersonCards cards) : ICommandHandler<EnablePersonArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "person enable",
        Summary: "Let a disabled person sign in and run commands again; what was revoked stays revoked.",
        Permission: RolodexPermissions.ManagePeople,
        Examples: ["person enable @bob"]);

    public async Task<CommandResult> HandleAsync(EnablePersonArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var (person, error) = await PersonLookup.FindAsync(db, arguments.Person.Value, cancellationToken);
        if (person is null)
        {
            return error!;
        }

        if (person.DisabledAt is null)
        {
            return Reply.Text($"@{person.Handle} is not disabled.");
        }

        person.DisabledAt = null;
        person.DisabledBy = null;
        await db.SaveChangesAsync(cancellationToken);
        cards.Forget(person.Id);
        return Reply.Text(
            $"Enabled @{person.Handle} again. Their old sessions, tokens and vault entries stay revoked: `person invite {person.Email}` makes them a new sign-in link.",
            Severity.Success);
    }
}

internal sealed record EnablePersonArguments([Argument("The person: @handle, e-mail address or name.", MaxLength = 320)] PersonReference Person);
