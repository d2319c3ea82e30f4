using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Commands;
using Switchboard.Core.People;
using Switchboard.Core.Replies;
using Switchboard.Data;
using Switchboard.Modules.Trust.Factors;
using Switchboard.Modules.Trust.Verifications;

namespace Switchboard.Modules.Trust.RemoveFactor;

/// <summary>
/// <c>factors remove &lt;totp|public id&gt;</c>: removing your own factor needs a second factor once you have
/// one; an admin removing someone else's (a lost phone) needs a fresh one of their own for each removal.
/// Either way the person's current verification ends with it.
/// </summary>
internal sealed class RemoveFactorCommand(SwitchboardDbContext db, IPersonDirectory people) : ICommandHandler<RemoveFactorArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "factors remove",
        Summary: "Remove a second factor: 'totp', 'duo', a YubiKey by its public id or a security key by its key-...; an admin may remove someone else's with --for.",
        Permission: PermissionPolicy.FromArguments<RemoveFactorArguments>(
            TrustPermissions.OwnFactors, a => a.For is null ? TrustPermissions.OwnFactors : TrustPermissions.ManageFactors),
        Examples: ["factors remove totp"])
    {
        Variants = ["factors remove totp", "factors remove totp --for @bob"],
        Assurance = AssurancePolicy.FromArguments<RemoveFactorArguments>(
            a => a.For is null ? AssuranceRequirement.VerifiedOnceEnrolled : AssuranceRequirement.VerifiedOnce),
    };

    public async Task<CommandResult> HandleAsync(RemoveFactorArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var person = actor.Person;
        if (arguments.For is { } reference)
        {
            person = await people.FindAsync(reference.Value, cancellationToken);
            if (person is null)
            {
                return TrustErrors.UnknownPerson(reference.Value);
            }
        }

        var factor = arguments.Factor.Trim().ToLowerInvariant();
        var isSecurityKey = factor.StartsWith("key-", StringComparison.Ordinal);
        var removed = factor == "totp" ? await db.Set<TotpAuthenticator>().Where(a => a.PersonId == person.Id).ExecuteDeleteAsync(cancellationToken)
            : factor == "duo" ? await db.Set<DuoEnrollment>().Where(e => e.PersonId == person.Id).ExecuteDeleteAsync(cancellationToken)
            : isSecurityKey ? await db.Set<SecurityKey>().Where(k => k.Reference == factor && k.PersonId == person.Id).ExecuteDeleteAsync(cancellationToken)
            : await db.Set<EnrolledYubiKey>().Where(k => k.PublicId == factor && k.PersonId == person.Id).ExecuteDeleteAsync(cancellationToken);
        if (removed == 0)
        {
            return TrustErrors.UnknownFactor(factor);
        }

        await db.Set<PersonVerification>().Where(v => v.PersonId == person.Id).ExecuteUpdateAsync(
            set => set.SetProperty(v => v.VerifiedAt, (DateTimeOffset?)null).SetProperty(v => v.VerifiedWith, (string?)null),
            cancellationToken);
        var whose = person.Id == actor.PersonId ? "your" : $"@{person.Handle}'s";
        var what = factor == "totp" ? "authenticator app" : factor == "duo" ? "Duo push" : isSecurityKey ? $"security key `{factor}`" : $"YubiKey `{factor}`";
        return Reply.Text($"Removed {whose} {what}; any verification it gave has ended.", Severity.Success);
    }
}

internal sealed record RemoveFactorArguments(
    [Argument("'totp' for the authenticator app, 'duo' for Duo push, a YubiKey's public id or a security key's key-... as 'factors list' shows it.", MaxLength = YubiKeyOtp.MaxPublicIdLength)] string Factor,
    [Option("Someone else's factor (admins only), for a lost phone or key.")] PersonReference? For = null);
