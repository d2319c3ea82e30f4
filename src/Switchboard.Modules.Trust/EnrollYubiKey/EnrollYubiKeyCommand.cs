using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Data;
using Switchboard.Data.Database;
using Switchboard.Modules.Trust.Factors;

namespace Switchboard.Modules.Trust.EnrollYubiKey;

/// <summary>
/// <c>factors enroll yubikey &lt;otp&gt;</c>: a touch of the key enrolls it by the public id it types, so that
/// its OTPs prove this person and nobody else. YubiCloud validates it, or Switchboard itself when given the
/// slot's AES key and private id (sealed at rest). Not offered in chat, where the AES key would stay in history.
/// </summary>
internal sealed class EnrollYubiKeyCommand(SwitchboardDbContext db, YubiKeyValidation validation, TimeProvider clock) : ICommandHandler<EnrollYubiKeyArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "factors enroll yubikey",
        Summary: "Enroll a YubiKey by a touch; YubiCloud validates its OTPs, or Switchboard itself with --aes-key and --private-id.",
        Permission: TrustPermissions.OwnFactors,
        Examples: ["factors enroll yubikey dteffujehknhfjbrjnlnldnhcujvddbikngjrtgh --aes-key ecde18dbe76fbd0c33330f1c354871db --private-id 8792ebfe26cc"])
    {
        Assurance = AssurancePolicy.VerifiedOnceEnrolled,
        NotOfferedOn = new HashSet<FrontEnd> { FrontEnd.Slack, FrontEnd.Email, FrontEnd.Sms },
    };

    public async Task<CommandResult> HandleAsync(EnrollYubiKeyArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        if (YubiKeyOtp.Parse(arguments.Otp) is not { } otp)
        {
            return TrustErrors.NotAYubiKeyOtp();
        }

        if (otp.PublicId.Length == 0)
        {
            return TrustErrors.KeyWithoutPublicId();
        }

        if ((arguments.AesKey is null) != (arguments.PrivateId is null))
        {
            return TrustErrors.AesKeyAndPrivateIdTogether();
        }

        YubiKeySlotSecret? secret = null;
        if (arguments.AesKey is not null)
        {
            var (parsed, invalid) = YubiKeySlotSecret.Parse(arguments.AesKey, arguments.PrivateId!);
            if (parsed is null)
            {
                return invalid!;
            }

            secret = parsed;
        }

        var owner = await db.Set<EnrolledYubiKey>().Where(k => k.PublicId == otp.PublicId).Select(k => (Core.People.PersonId?)k.PersonId).SingleOrDefaultAsync(cancellationToken);
        if (owner is not null)
        {
            return owner == actor.PersonId ? TrustErrors.KeyAlreadyYours(otp.PublicId) : TrustErrors.KeyTaken(otp.PublicId);
        }

        var (counter, refused) = await validation.ValidateAsync(otp, secret, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var now = clock.GetUtcNow();
        db.Add(new EnrolledYubiKey
        {
            PublicId = otp.PublicId,
            PersonId = actor.PersonId,
            SealedSecret = secret is null ? null : validation.Seal(secret, otp.PublicId),
            EnrolledAt = now,
            LastCounter = counter ?? 0,
            LastUsedAt = now,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            return TrustErrors.KeyTaken(otp.PublicId);
        }

        return Reply.Text(
            $"Enrolled the YubiKey `{otp.PublicId}`, validated by {(secret is null ? "YubiCloud" : "Switchboard with its AES key")}. "
                + "When a command needs a second factor, `verify` and touch it.",
            Severity.Success);
    }
}

internal sealed record EnrollYubiKeyArguments(
    [Argument("What the key types when touched: its public id and an OTP, 44 letters of cbdefghijklnrtuv.", IsSecret = true, MaxLength = YubiKeyOtp.MaxLength)] string Otp,
    [Option("The slot's AES key, 32 hexadecimal digits, for Switchboard to validate the key itself rather than YubiCloud.", IsSecret = true, MaxLength = 64)] string? AesKey = null,
    [Option("The slot's private id, 12 hexadecimal digits; goes with --aes-key.", IsSecret = true, MaxLength = 32)] string? PrivateId = null);
