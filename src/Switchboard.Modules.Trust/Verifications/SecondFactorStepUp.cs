using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Core.Commands;
using Switchboard.Core.Links;
using Switchboard.Core.People;
using Switchboard.Data;
using Switchboard.Modules.Trust.Factors;
using Switchboard.Modules.Trust.Secrets;
using Switchboard.Modules.Trust.SecurityKeys;

namespace Switchboard.Modules.Trust.Verifications;

/// <summary>
/// The core's <see cref="IStepUp"/>: a person is verified for a command when their latest <c>verify</c> is
/// within the command's lifetime (and, for a one-use command, not yet spent); a refused command waits in
/// <c>trust_pending_invocations</c>, sealed, until they verify or it expires. A person with a security key also gets
/// a one-time link to a page where a touch of it approves.
/// </summary>
internal sealed class SecondFactorStepUp(
    SwitchboardDbContext db,
    AtRestEncryption encryption,
    PublicLinks links,
    IOptions<TrustOptions> options,
    TimeProvider clock,
    ILogger<SecondFactorStepUp> logger) : IStepUp
{
    public async Task<StepUpCheck> CheckAsync(PersonId person, AssuranceRequirement requirement, CancellationToken cancellationToken)
    {
        var oldestAccepted = clock.GetUtcNow() - (requirement.Lifetime ?? options.Value.VerificationLifetime);
        var verifiedAt = await db.Set<PersonVerification>()
            .Where(v => v.PersonId == person && v.VerifiedAt >= oldestAccepted && !(requirement.IsOneUse && v.IsSpent))
            .Select(v => v.VerifiedAt)
            .SingleOrDefaultAsync(cancellationToken);
        if (verifiedAt is not null && (!requirement.IsOneUse || await SpendAsync(person, verifiedAt.Value, cancellationToken)))
        {
            return StepUpCheck.Covered;
        }

        return (await EnrolledFactors.OfAsync(db, person, cancellationToken)).HasAny ? StepUpCheck.NotCovered : StepUpCheck.NoFactor;
    }

    public async Task<string> HowToVerifyAsync(PersonId person, CancellationToken cancellationToken) =>
        (await EnrolledFactors.OfAsync(db, person, cancellationToken)).HowToVerify();

    public async Task<HeldInvocationNotice> HoldAsync(PendingInvocation invocation, CancellationToken cancellationToken)
    {
        var actor = invocation.Actor;
        var now = clock.GetUtcNow();
        var expiresAt = now + options.Value.PendingLifetime;
        if (actor.CredentialExpiresAt is { } credentialExpires && credentialExpires < expiresAt)
        {
            expiresAt = credentialExpires;
        }

        // The same command asked again replaces the one waiting, so that it runs once.
        await db.Set<HeldInvocation>()
            .Where(h => h.PersonId == actor.PersonId && h.CanonicalText == invocation.CanonicalText)
            .ExecuteDeleteAsync(cancellationToken);
        var id = Guid.CreateVersion7(now);
        var held = db.Add(new HeldInvocation
        {
            Id = id,
            PersonId = actor.PersonId,
            FrontEnd = actor.FrontEnd,
            Access = actor.Access,
            CredentialExpiresAt = actor.CredentialExpiresAt,
            Verb = invocation.Verb,
            CanonicalText = invocation.CanonicalText,
            SealedRequest = encryption.Seal(JsonSerializer.SerializeToUtf8Bytes(invocation.Request), HeldInvocation.RequestContext(actor.PersonId, id)),
            HeldAt = now,
            ExpiresAt = expiresAt,
        });
        await db.SaveChangesAsync(cancellationToken);
        held.State = EntityState.Detached;
        logger.InvocationHeld(invocation.Verb, actor.PersonId, expiresAt);
        return new HeldInvocationNotice(expiresAt, await StepUpLinkAsync(actor.PersonId, id, expiresAt, cancellationToken));
    }

    /// <returns>How to approve with a security key at a link of its own, when the person has one.</returns>
    private async Task<string?> StepUpLinkAsync(PersonId person, Guid held, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        if (!await db.Set<SecurityKey>().AnyAsync(k => k.PersonId == person, cancellationToken))
        {
            return null;
        }

        var code = StepUpLink.NewCode();
        var link = db.Add(new StepUpLink { CodeHash = StepUpLink.HashOf(code), HeldInvocationId = held, PersonId = person, ExpiresAt = expiresAt });
        await db.SaveChangesAsync(cancellationToken);
        link.State = EntityState.Detached;
        return $"To approve with your security key, open {new Uri(links.Console, "approve/" + code)} and touch it.";
    }

    /// <summary>Spends the verification for a one-use command; of two racing commands, one wins.</summary>
    private async Task<bool> SpendAsync(PersonId person, DateTimeOffset verifiedAt, CancellationToken cancellationToken) =>
        await db.Set<PersonVerification>()
            .Where(v => v.PersonId == person && v.VerifiedAt == verifiedAt && !v.IsSpent)
            .ExecuteUpdateAsync(set => set.SetProperty(v => v.IsSpent, true), cancellationToken) == 1;
}
