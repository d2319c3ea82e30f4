using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Data;
using Switchboard.Modules.Rolodex.People;

namespace Switchboard.Modules.Rolodex.UnlinkIdentity;

/// <summary><c>rolodex unlink</c>: removes an account from yourself or, as an admin, from someone else.</summary>
internal sealed class UnlinkIdentityCommand(SwitchboardDbContext db, PersonCards cards) : ICommandHandler<UnlinkIdentityArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "rolodex unlink",
        Summary: "Remove a linked account from yourself or, as an admin, from someone else.",
        Permission: PermissionPolicy.FromArguments<UnlinkIdentityArguments>(
            RolodexPermissions.LinkOwn,
            arguments => arguments.For is null ? RolodexPermissions.LinkOwn : RolodexPermissions.LinkForOthers),
        Examples: ["rolodex unlink github octocat"])
    {
        Variants = ["rolodex unlink github octocat", "rolodex unlink github octocat --for @alice"],
    };

    public async Task<CommandResult> HandleAsync(UnlinkIdentityArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var service = arguments.Service.ToLowerInvariant();
        if (!Services.Known.Contains(service))
        {
            return RolodexErrors.UnknownService(arguments.Service);
        }

        var (person, error) = await PersonLookup.FindAsync(db, arguments.For?.Value ?? actor.Person.Handle, cancellationToken);
        if (person is null)
        {
            return error!;
        }

        var externalId = Services.Normalize(service, arguments.Id);
        var workspace = arguments.Workspace?.Trim() ?? "";
        var removed = await db.Set<Identity>()
            .Where(i => i.PersonId == person.Id && i.Service == service && i.Workspace == workspace && i.ExternalId == externalId)
            .ExecuteDeleteAsync(cancellationToken);
        cards.Forget(person.Id);
        return removed == 0
            ? RolodexErrors.IdentityNotLinked(service, externalId)
            : Reply.Text($"Unlinked {service} account {externalId} from @{person.Handle}.", Severity.Success);
    }
}

internal sealed record UnlinkIdentityArguments(
    [Argument("The service: slack, github, pagerduty, heroku, duo, email or phone.")] string Service,
    [Argument("The account's id on that service.", MaxLength = 320)] string Id,
    [Option("The workspace or tenant the id belongs to.", MaxLength = 64)] string? Workspace = null,
    [Option("Unlink it from someone else (administrators only).")] PersonReference? For = null);
