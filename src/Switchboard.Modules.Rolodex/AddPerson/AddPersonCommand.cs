using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Data;
using Switchboard.Modules.Rolodex.People;

namespace Switchboard.Modules.Rolodex.AddPerson;

/// <summary><c>person add</c>: puts someone in the Rolodex, vouching for their e-mail address.</summary>
internal sealed class AddPersonCommand(SwitchboardDbContext db, TimeProvider clock) : ICommandHandler<AddPersonArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "person add",
        Summary: "Add a person to the Rolodex.",
        Permission: RolodexPermissions.ManagePeople,
        Examples: ["person add alice@example.com --name \"Alice Example\" --time-zone Europe/Berlin", "person add bob@example.com"]);

    public async Task<CommandResult> HandleAsync(AddPersonArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var (person, error) = await Enrollment.EnrollAsync(
            db,
            new NewPerson(arguments.Email, arguments.Name, arguments.Handle, arguments.TimeZone, arguments.Admin),
            actor.PersonId,
            clock.GetUtcNow(),
            cancellationToken);
        if (person is null)
        {
            return error!;
        }

        return Reply.Build(Severity.Success)
            .Line($"Added **{person.DisplayName}** as @{person.Handle}{(person.IsAdmin ? ", an administrator" : "")}.")
            .ToReply();
    }
}

internal sealed record AddPersonArguments(
    [Argument("Their work e-mail address.", MaxLength = 320)] string Email,
    [Option("Their full name; the handle when omitted.", MaxLength = 200)] string? Name = null,
    [Option("Their @handle; taken from the e-mail address when omitted.", MaxLength = 64)] string? Handle = null,
    [Option("Their IANA time zone, such as Europe/Berlin; UTC when omitted.", MaxLength = 64)] string? TimeZone = null,
    [Option("Make them an administrator.")] bool Admin = false);
