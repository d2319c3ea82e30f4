using Microsoft.EntityFrameworkCore;
using Switchboard.Core.People;
using Switchboard.Data;

namespace Switchboard.Modules.Trust.Factors;

/// <summary>Which second factors a person can pass now: a confirmed authenticator app, YubiKeys, security keys.</summary>
internal sealed record EnrolledFactors(bool HasAuthenticator, int YubiKeys, int SecurityKeys, bool HasDuo)
{
    public bool HasAny => HasAuthenticator || YubiKeys > 0 || SecurityKeys > 0 || HasDuo;

    public static async Task<EnrolledFactors> OfAsync(SwitchboardDbContext db, PersonId person, CancellationToken cancellationToken) =>
        new(
            await db.Set<TotpAuthenticator>().AnyAsync(a => a.PersonId == person && a.ConfirmedAt != null, cancellationToken),
            await db.Set<EnrolledYubiKey>().CountAsync(k => k.PersonId == person, cancellationToken),
            await db.Set<SecurityKey>().CountAsync(k => k.PersonId == person, cancellationToken),
            await db.Set<DuoEnrollment>().AnyAsync(e => e.PersonId == person, cancellationToken));

    /// <summary>How this person verifies, as a sentence for a refusal or a reply.</summary>
    public string HowToVerify()
    {
        var withCode = (HasAuthenticator, YubiKeys > 0, SecurityKeys > 0) switch
        {
            (true, true, _) => "Run `verify` with the code your authenticator app shows (such as `verify 123456`) or a touch of your YubiKey",
            (true, false, _) => "Run `verify` with the code your authenticator app shows (such as `verify 123456`)",
            (false, true, _) => "Run `verify` and touch your YubiKey to type its OTP",
            (false, false, true) => "Touch your security key at the link a refused command gives",
            (false, false, false) => null,
        };
        return (withCode, HasDuo) switch
        {
            (null, true) => "Run `verify push` and approve it on your phone",
            (null, false) => "You have no second factor yet: enroll one with `factors enroll totp` and `factors confirm totp <code>`, then run `verify <code>`",
            (_, true) => withCode + ", or run `verify push` and approve it on your phone",
            (_, false) => withCode,
        };
    }
}
