using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Data;
using Switchboard.Data.Database;
using Switchboard.Modules.Rolodex.People;

namespace Switchboard.Modules.Rolodex.LinkIdentity;

/// <summary>
/// <c>rolodex link</c>: for yourself it records a claim, which lets people find you but never lets
/// Switchboard act as you; with <c>--for</c> an administrator asserts the link, and the audit names them.
/// Without an id it gives a one-time code, which the service itself proves the account with
/// (<c>/sb link &lt;code&gt;</c> from Slack).
/// </summary>
internal sealed class LinkIdentityCommand(SwitchboardDbContext db, PersonCards cards, LinkCodes codes, TimeProvider clock) : ICommandHandler<LinkIdentityArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "rolodex link",
        Summary: "Link an account on a service to yourself (a claim) or, as an admin, to someone else.",
        Permission: PermissionPolicy.FromArguments<LinkIdentityArguments>(
            RolodexPermissions.LinkOwn,
            arguments => arguments.For is null ? RolodexPermissions.LinkOwn : RolodexPermissions.LinkForOthers),
        Examples: ["rolodex link github octocat", "rolodex link slack U024BE7LH --workspace T024BE7LD --for @alice"])
    {
        // The code is a credential for the minutes it lives: its reply is shown once and never remembered.
        RevealsSecret = true,
        Variants = ["rolodex link github octocat", "rolodex link github octocat --for @alice"],
    };

    public async Task<CommandResult> HandleAsync(LinkIdentityArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var service = arguments.Service.ToLowerInvariant();
        if (!Services.Known.Contains(service))
        {
            return RolodexErrors.UnknownService(arguments.Service);
        }

        if (arguments.Id is null)
        {
            return await IssueCodeAsync(service, arguments, actor, cancellationToken);
        }

        if (Services.NeedsWorkspace(service) && string.IsNullOrWhiteSpace(arguments.Workspace))
        {
            return RolodexErrors.WorkspaceRequired(service);
        }

        if (!Services.NeedsWorkspace(service) && arguments.Workspace is not null)
        {
            return RolodexErrors.WorkspaceNotUsed(service);
        }

        var (person, error) = await PersonLookup.FindAsync(db, arguments.For?.Value ?? actor.Person.Handle, cancellationToken);
        if (person is null)
        {
            return error!;
        }

        var externalId = Services.Normalize(service, arguments.Id);
        if (externalId.Length == 0)
        {
            return RolodexErrors.InvalidExternalId(service, arguments.Id);
        }

        var workspace = arguments.Workspace?.Trim() ?? "";
        var existing = await db.Set<Identity>()
            .SingleOrDefaultAsync(i => i.Service == service && i.Workspace == workspace && i.ExternalId == externalId, cancellationToken);
        if (existing is not null && existing.PersonId != person.Id)
        {
            return RolodexErrors.IdentityTaken(service, externalId);
        }

        var now = clock.GetUtcNow();
        var identity = existing ?? new Identity
        {
            Id = Guid.CreateVersion7(now),
            PersonId = person.Id,
            Service = service,
            Workspace = workspace,
            ExternalId = externalId,
        };
        if (existing is null)
        {
            db.Add(identity);
        }

        // A link only ever gets stronger: claiming an account an admin vouched for keeps the admin's word.
        var proof = arguments.For is null ? IdentityProof.Claimed : IdentityProof.AssertedByAdmin;
        var strengthened = existing is null || proof > identity.Proof;
        if (strengthened)
        {
            identity.Proof = proof;
            identity.AssertedBy = arguments.For is null ? null : actor.PersonId;
            identity.LinkedAt = now;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            return RolodexErrors.IdentityTaken(service, externalId);
        }

        cards.Forget(person.Id);
        return Reply.Build(Severity.Success)
            .Line(identity.Proof switch
            {
                IdentityProof.Claimed => $"Linked {service} account {externalId} to @{person.Handle} as a claim. Switchboard will act as you on {service} only once {service} proves it is yours.",
                IdentityProof.AssertedByAdmin when strengthened => $"Linked {service} account {externalId} to @{person.Handle}, asserted by @{actor.Person.Handle}.",
                IdentityProof.AssertedByAdmin => $"The {service} account {externalId} is already linked to @{person.Handle}, vouched for by an admin.",
                IdentityProof.ProvenByService => $"The {service} account {externalId} was already proven to be @{person.Handle}'s.",
            })
            .ToReply();
    }

    private async Task<CommandResult> IssueCodeAsync(string service, LinkIdentityArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        if (arguments.For is not null)
        {
            return RolodexErrors.LinkCodeOnlyForYourself();
        }

        if (service != "slack")
        {
            return RolodexErrors.LinkCodeNotOffered(service);
        }

        var code = await codes.IssueAsync(actor.PersonId, service, cancellationToken);
        return Reply.Build()
            .Line($"Your Slack link code is `{code}`. In Slack, send `/sb link {code}` within {(int)LinkCode.Lifetime.TotalMinutes} minutes; it works once.")
            .Line("Slack signs that request for your account, which proves the account is yours.")
            .ToReply();
    }
}

internal sealed record LinkIdentityArguments(
    [Argument("The service: slack, github, pagerduty, heroku, duo, email or phone.")] string Service,
    [Argument("The account's id on that service: a login, user id, address or number; leave it out for a code that proves your Slack account.", MaxLength = 320)] string? Id = null,
    [Option("The workspace or tenant the id belongs to (a Slack team id).", MaxLength = 64)] string? Workspace = null,
    [Option("Link it to someone else (administrators only).")] PersonReference? For = null);
