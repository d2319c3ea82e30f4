using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Data;
using Switchboard.Modules.Trust.Factors;
using Switchboard.Modules.Trust.Secrets;

namespace Switchboard.Modules.Trust.EnrollTotp;

/// <summary>
/// <c>factors enroll totp</c>: a new TOTP secret, answered to the person alone as an <c>otpauth://</c> link
/// (the console draws it as a QR code) and shown once. It counts only once a first code confirms it.
/// Once the person has a second factor, adding another needs one.
/// </summary>
internal sealed class EnrollTotpCommand(SwitchboardDbContext db, AtRestEncryption encryption, IOptions<TrustOptions> options, TimeProvider clock)
    : ICommandHandler<NoArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "factors enroll totp",
        Summary: "Enroll an authenticator app: shows you, and only you, its otpauth:// link and QR code, to confirm with a first code.",
        Permission: TrustPermissions.OwnFactors,
        Examples: ["factors enroll totp"])
    {
        Assurance = AssurancePolicy.VerifiedOnceEnrolled,
        RevealsSecret = true,
    };

    public async Task<CommandResult> HandleAsync(NoArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var existing = await db.Set<TotpAuthenticator>().AsNoTracking().SingleOrDefaultAsync(a => a.PersonId == actor.PersonId, cancellationToken);
        if (existing?.IsConfirmed == true)
        {
            return TrustErrors.AuthenticatorExists();
        }

        // An enrolment that was never confirmed is started again, with a new secret.
        await db.Set<TotpAuthenticator>().Where(a => a.PersonId == actor.PersonId).ExecuteDeleteAsync(cancellationToken);
        var secret = TotpCodes.NewSecret();
        db.Add(new TotpAuthenticator
        {
            PersonId = actor.PersonId,
            SealedSecret = encryption.Seal(secret, TotpAuthenticator.SecretContext(actor.PersonId)),
            EnrolledAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);

        var issuer = options.Value.TotpIssuer;
        return Reply.Build()
            .Line("Add Switchboard to your authenticator app: scan the QR code in the web console, open the link on your phone, or type the secret. "
                + "Then confirm it with `factors confirm totp <code>` and the code the app shows. The secret is shown only this once.")
            .Link("Add to an authenticator app", TotpCodes.EnrolmentUri(secret, actor.Person.Handle, issuer, TotpAlgorithm.Default))
            .Fields(("Account", $"{issuer}:{actor.Person.Handle}"), ("Secret", TotpCodes.Base32(secret)))
            .ToReply();
    }
}
