using Fido2NetLib;
using Fido2NetLib.Objects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Switchboard.Core.Commands;
using Switchboard.Core.Errors;
using Switchboard.Core.People;
using Switchboard.Core.SecondFactors;
using Switchboard.Data;
using Switchboard.Modules.Trust.Factors;
using Switchboard.Modules.Trust.Verifications;

namespace Switchboard.Modules.Trust.SecurityKeys;

/// <summary>
/// The core's <see cref="ISecurityKeyCeremonies"/>: options for the console's pages, and what a key's answer proves.
/// A step-up answer counts toward the person's guessing limit, as a wrong code does.
/// </summary>
internal sealed class SecurityKeyCeremonies(
    SwitchboardDbContext db,
    Ceremonies ceremonies,
    KeyAssertions assertions,
    RelyingParty relyingParty,
    AttemptLimiter attempts,
    SecondFactorPassed passed,
    IPersonDirectory people,
    TimeProvider clock,
    ILogger<SecurityKeyCeremonies> logger) : ISecurityKeyCeremonies
{
    public async Task<WebAuthnCeremony> BeginRegistrationAsync(PersonSummary person, CancellationToken cancellationToken)
    {
        var registered = await db.Set<SecurityKey>().Where(k => k.PersonId == person.Id).Select(k => k.CredentialId).ToListAsync(cancellationToken);
        var options = relyingParty.Fido2().RequestNewCredential(new RequestNewCredentialParams
        {
            User = new Fido2User { Id = SecurityKey.UserHandleOf(person.Id), Name = person.Handle, DisplayName = person.DisplayName },
            ExcludeCredentials = registered.Select(id => new PublicKeyCredentialDescriptor(id)).ToList(),
            AuthenticatorSelection = new AuthenticatorSelection
            {
                // Discoverable, so that the key can also sign its person in without an e-mail address typed.
                ResidentKey = ResidentKeyRequirement.Required,
                UserVerification = UserVerificationRequirement.Preferred,
            },
            AttestationPreference = AttestationConveyancePreference.None,
            Extensions = new AuthenticationExtensionsClientInputs { CredProps = true },
        });
        var json = options.ToJson();
        return new WebAuthnCeremony(await ceremonies.StartAsync(CeremonyPurpose.Registration, person.Id, null, json, cancellationToken), json);
    }

    public async Task<(StepUpApproval? Approval, Error? Error)> PeekStepUpAsync(string code, CancellationToken cancellationToken)
    {
        var (link, person, error) = await UsableLinkAsync(code, cancellationToken);
        if (link is null)
        {
            return (null, error);
        }

        var waiting = await db.Set<HeldInvocation>().Where(h => h.Id == link.HeldInvocationId).Select(h => h.CanonicalText).SingleAsync(cancellationToken);
        return (new StepUpApproval(person!, waiting, link.ExpiresAt), null);
    }

    public async Task<(WebAuthnCeremony? Ceremony, Error? Error)> BeginStepUpAsync(string code, CancellationToken cancellationToken)
    {
        var (link, _, error) = await UsableLinkAsync(code, cancellationToken);
        if (link is null)
        {
            return (null, error);
        }

        var keys = await db.Set<SecurityKey>().Where(k => k.PersonId == link.PersonId).Select(k => k.CredentialId).ToListAsync(cancellationToken);
        var options = relyingParty.Fido2().GetAssertionOptions(new GetAssertionOptionsParams
        {
            AllowedCredentials = keys.Select(id => new PublicKeyCredentialDescriptor(id)).ToList(),
            UserVerification = UserVerificationRequirement.Preferred,
        });
        var json = options.ToJson();
        return (new WebAuthnCeremony(await ceremonies.StartAsync(CeremonyPurpose.StepUp, link.PersonId, link.CodeHash, json, cancellationToken), json), null);
    }

    public async Task<CommandResult> CompleteStepUpAsync(string code, Guid ceremony, string credentialJson, CancellationToken cancellationToken)
    {
        var hash = StepUpLink.HashOf(code);
        var pending = await ceremonies.TakeAsync(ceremony, CeremonyPurpose.StepUp, cancellationToken);
        if (pending is null || pending.LinkHash != hash)
        {
            return TrustErrors.CeremonyUnusable();
        }

        var (link, person, unusable) = await UsableLinkAsync(code, cancellationToken);
        if (link is null)
        {
            return unusable!;
        }

        var (attempt, locked) = await attempts.BeginAsync(link.PersonId, cancellationToken);
        if (attempt is null)
        {
            return locked!;
        }

        var (key, refused) = await assertions.VerifyAsync(credentialJson, AssertionOptions.FromJson(pending.OptionsJson), link.PersonId, cancellationToken);
        if (await attempts.EndAsync(attempt, refused, FrontEnd.Web, cancellationToken) is { } error)
        {
            return error;
        }

        // Spent before anything runs: of two tabs answering one link, one approves.
        if (await db.Set<StepUpLink>().Where(l => l.CodeHash == hash).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            return TrustErrors.StepUpLinkUnusable();
        }

        var actor = new Actor(person!, FrontEnd.Web, AssuranceLevel.Identified, ActorAccess.ReadWrite);
        return await passed.RecordAsync(actor, $"security key {key!.Name}");
    }

    public async Task<WebAuthnCeremony> BeginSignInAsync(CancellationToken cancellationToken)
    {
        var options = relyingParty.Fido2().GetAssertionOptions(new GetAssertionOptionsParams
        {
            AllowedCredentials = [],
            UserVerification = UserVerificationRequirement.Preferred,
        });
        var json = options.ToJson();
        return new WebAuthnCeremony(await ceremonies.StartAsync(CeremonyPurpose.SignIn, null, null, json, cancellationToken), json);
    }

    public async Task<(PersonId? Person, Error? Error)> CompleteSignInAsync(Guid ceremony, string credentialJson, CancellationToken cancellationToken)
    {
        var pending = await ceremonies.TakeAsync(ceremony, CeremonyPurpose.SignIn, cancellationToken);
        if (pending is null)
        {
            return (null, TrustErrors.CeremonyUnusable());
        }

        var (key, refused) = await assertions.VerifyAsync(credentialJson, AssertionOptions.FromJson(pending.OptionsJson), null, cancellationToken);
        if (key is null)
        {
            return (null, refused!.Kind == ErrorKind.Invalid ? refused : TrustErrors.PasskeyRefused());
        }

        logger.SignedInWithPasskey(key.PersonId, key.Reference);
        return (key.PersonId, null);
    }

    private async Task<(StepUpLink? Link, PersonSummary? Person, Error? Error)> UsableLinkAsync(string code, CancellationToken cancellationToken)
    {
        var hash = StepUpLink.HashOf(code);
        var now = clock.GetUtcNow();
        var link = await db.Set<StepUpLink>().AsNoTracking().SingleOrDefaultAsync(l => l.CodeHash == hash && l.ExpiresAt > now, cancellationToken);
        var person = link is null ? null : await people.FindAsync(link.PersonId, cancellationToken);
        return person is null || person.IsDisabled ? (null, null, TrustErrors.StepUpLinkUnusable()) : (link, person, null);
    }
}
