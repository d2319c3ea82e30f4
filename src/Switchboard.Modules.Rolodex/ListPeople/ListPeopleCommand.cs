using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Data;
using Switchboard.Modules.Rolodex.People;

namespace Switchboard.Modules.Rolodex.ListPeople;

/// <summary><c>person list</c>: everyone in the Rolodex.</summary>
internal sealed class ListPeopleCommand(SwitchboardDbContext db) : ICommandHandler<NoArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "person list",
        Summary: "List everyone in the Rolodex.",
        Permission: RolodexPermissions.Read,
        Examples: ["person list"])
    {
        IsReadOnly = true,
    };

    public async Task<CommandResult> HandleAsync(NoArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var people = await db.Set<Person>()
            .OrderBy(p => p.Handle)
            .Select(p => new { p.Handle, p.DisplayName, p.Email, p.IsAdmin, IsDisabled = p.DisabledAt != null })
            .ToListAsync(cancellationToken);
        return Reply.Build()
            .Line($"{people.Count} {(people.Count == 1 ? "person" : "people")} in the Rolodex:")
            .Fields(people.Select(p => ("@" + p.Handle, $"{p.DisplayName} <{p.Email}>{(p.IsAdmin ? " (admin)" : "")}{(p.IsDisabled ? " (disabled)" : "")}")))
            .ToReply();
    }
}
