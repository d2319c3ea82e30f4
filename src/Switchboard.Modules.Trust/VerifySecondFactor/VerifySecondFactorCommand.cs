using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Commands;
using Switchboard.Core.Errors;
using Switchboard.Core.People;
using Switchboard.Data;
using Switchboard.Modules.Trust.Factors;
using Switchboard.Modules.Trust.Verifications;

namespace Switchboard.Modules.Trust.VerifySecondFactor;

/// <summary>
/// <c>verify &lt;code&gt;</c>: a code from the person's authenticator app (6 digits), an OTP from one of their
/// own YubiKeys, or <c>push</c> and an approval on their phone through Duo makes them verified for a while; then the commands that were waiting for it run, as them,
/// and their replies come back in this one.
/// </summary>
internal sealed class VerifySecondFactorCommand(
    SwitchboardDbContext db,
    AttemptLimiter attempts,
    AuthenticatorCodes codes,
    YubiKeyValidation yubiKeys,
    DuoPushes pushes,
    SecondFactorPassed passed,
    TimeProvider clock) : ICommandHandler<VerifySecondFactorArguments>
{
    private const string PushWord = "push";

    public static CommandDefinition Definition { get; } = new(
        Verb: "verify",
        Summary: "Pass a second factor (your authenticator app's code, a YubiKey touch, or `push` for Duo) to be verified for a while; waiting commands then run.",
        Permission: TrustPermissions.OwnFactors,
        Examples: [])
    {
        Variants = ["verify 123456", "verify push"],
    };

    public async Task<CommandResult> HandleAsync(VerifySecondFactorArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var code = arguments.Code.Trim();
        if (code.Equals(PushWord, StringComparison.OrdinalIgnoreCase))
        {
            return await PushAsync(actor, cancellationToken);
        }

        var isAuthenticatorCode = AuthenticatorCodes.LooksLikeACode(code);
        var otp = isAuthenticatorCode ? null : YubiKeyOtp.Parse(code);
        if (!isAuthenticatorCode && otp is null)
        {
            return TrustErrors.NotACode();
        }

        var (attempt, refusal) = await attempts.BeginAsync(actor.PersonId, cancellationToken);
        if (attempt is null)
        {
            return refusal!;
        }

        var (factor, wrong) = otp is null
            ? ("authenticator app", await codes.UseAsync(actor.PersonId, code, confirming: false, cancellationToken))
            : ($"YubiKey {otp.PublicId}", await UseYubiKeyAsync(actor.PersonId, otp, cancellationToken));
        if (await attempts.EndAsync(attempt, wrong, actor.FrontEnd, cancellationToken) is { } error)
        {
            return error;
        }

        return await passed.RecordAsync(actor, factor);
    }

    /// <summary>A denied push counts as a wrong code, so a flood of pushes sent until one is approved by mistake locks instead.</summary>
    private async Task<CommandResult> PushAsync(Actor actor, CancellationToken cancellationToken)
    {
        var (attempt, refusal) = await attempts.BeginAsync(actor.PersonId, cancellationToken);
        if (attempt is null)
        {
            return refusal!;
        }

        var refused = await pushes.ApproveAsync(actor.PersonId, cancellationToken);
        if (await attempts.EndAsync(attempt, refused, actor.FrontEnd, cancellationToken) is { } error)
        {
            return error;
        }

        return await passed.RecordAsync(actor, "Duo push");
    }

    /// <summary>The OTP must come from one of the person's own keys, validate, and count higher than any before it.</summary>
    private async Task<Error?> UseYubiKeyAsync(PersonId person, YubiKeyOtp otp, CancellationToken cancellationToken)
    {
        var key = await db.Set<EnrolledYubiKey>().AsNoTracking().SingleOrDefaultAsync(k => k.PublicId == otp.PublicId, cancellationToken);
        if (key is null || key.PersonId != person)
        {
            return TrustErrors.NotYourKey();
        }

        var (counter, refused) = await yubiKeys.ValidateAsync(otp, yubiKeys.SecretOf(key), cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        // One statement, so two requests racing with the same OTP cannot both win. A validation server that
        // tells no counter has refused replays itself.
        var now = clock.GetUtcNow();
        var thisKey = db.Set<EnrolledYubiKey>().Where(k => k.PublicId == key.PublicId);
        var used = counter is { } value
            ? await thisKey.Where(k => k.LastCounter < value).ExecuteUpdateAsync(
                set => set.SetProperty(k => k.LastCounter, value).SetProperty(k => k.LastUsedAt, now), cancellationToken)
            : await thisKey.ExecuteUpdateAsync(set => set.SetProperty(k => k.LastUsedAt, now), cancellationToken);
        return used == 1 ? null : TrustErrors.OtpAlreadyUsed();
    }
}

internal sealed record VerifySecondFactorArguments(
    [Argument("The code your authenticator app shows, what your YubiKey types when touched, or 'push' to approve on your phone through Duo.", IsSecret = true, MaxLength = YubiKeyOtp.MaxLength)] string Code);
