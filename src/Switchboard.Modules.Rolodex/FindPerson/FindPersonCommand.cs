using Switchboard.Core.Commands;
using Switchboard.Data;
using Switchboard.Modules.Rolodex.People;

namespace Switchboard.Modules.Rolodex.FindPerson;

/// <summary><c>whois</c>: a person's card, found by handle, e-mail address or name.</summary>
internal sealed class FindPersonCommand(SwitchboardDbContext db, PersonCards cards) : ICommandHandler<FindPersonArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "whois",
        Summary: "Show a person: their teams and their accounts on each service.",
        Permission: RolodexPermissions.Read,
        Examples: ["whois @alice", "whois alice@example.com", "whois \"Alice Example\""])
    {
        IsReadOnly = true,
    };

    public async Task<CommandResult> HandleAsync(FindPersonArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var (person, error) = await PersonLookup.FindAsync(db, arguments.Person.Value, cancellationToken);
        if (person is null)
        {
            return error!;
        }

        var card = await cards.BuildAsync(db, person.Id, cancellationToken);
        return card.ToReply();
    }
}

internal sealed record FindPersonArguments(
    [Argument("An @handle, an e-mail address or a full name.", TakesRest = true)] PersonReference Person);
