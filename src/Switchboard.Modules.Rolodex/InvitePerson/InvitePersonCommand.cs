using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Commands;
using Switchboard.Core.Links;
using Switchboard.Core.People;
using Switchboard.Core.Replies;
using Switchboard.Data;
using Switchboard.Modules.Rolodex.People;

namespace Switchboard.Modules.Rolodex.InvitePerson;

/// <summary>
/// <c>person invite</c>: a one-time link into the web console, for someone new (who is added to the
/// Rolodex on the way) or for someone who needs to sign in again.
/// </summary>
internal sealed class InvitePersonCommand(SwitchboardDbContext db, IWebSessions sessions, PublicLinks links, TimeProvider clock)
    : ICommandHandler<InvitePersonArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "person invite",
        Summary: "Give someone a one-time link that signs them in to the web console, adding them to the Rolodex if they are new.",
        Permission: RolodexPermissions.ManagePeople,
        Examples: ["person invite carol@example.com --name \"Carol Example\""])
    {
        RevealsSecret = true,
    };

    public async Task<CommandResult> HandleAsync(InvitePersonArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var email = arguments.Email.Trim().ToLowerInvariant();
        var person = await db.Set<Person>().SingleOrDefaultAsync(p => p.Email == email, cancellationToken);
        var isNew = person is null;
        if (person is null)
        {
            var (enrolled, error) = await Enrollment.EnrollAsync(
                db, new NewPerson(arguments.Email, arguments.Name, null, null, IsAdmin: false), actor.PersonId, clock.GetUtcNow(), cancellationToken);
            if (enrolled is null)
            {
                return error!;
            }

            person = enrolled;
        }
        else if (person.DisabledAt is not null)
        {
            return RolodexErrors.PersonDisabled(person.Handle);
        }

        var link = await sessions.IssueLinkAsync(person.Id, actor.PersonId, cancellationToken);
        return Reply.Build(Severity.Success)
            .Line(isNew
                ? $"Added **{person.DisplayName}** as @{person.Handle} and made them a sign-in link."
                : $"Made a new sign-in link for **{person.DisplayName}** (@{person.Handle}).")
            .Line(string.Create(
                CultureInfo.InvariantCulture,
                $"It signs in once, until {link.ExpiresAt:yyyy-MM-dd HH:mm}Z. Send it to them privately: whoever opens it is signed in as them."))
            .Link($"Sign in as @{person.Handle}", links.SignIn(link.Code))
            .ToReply();
    }
}

internal sealed record InvitePersonArguments(
    [Argument("Their work e-mail address.", MaxLength = 320)] string Email,
    [Option("Their full name, if they are new; the handle when omitted.", MaxLength = 200)] string? Name = null);
