using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Modules.Trust.Factors;
using Switchboard.Modules.Trust.Verifications;

namespace Switchboard.Modules.Trust.ConfirmTotp;

/// <summary><c>factors confirm totp &lt;code&gt;</c>: a first code proves the app holds the secret, and enrolment is complete.</summary>
internal sealed class ConfirmTotpCommand(AuthenticatorCodes codes, AttemptLimiter attempts) : ICommandHandler<ConfirmTotpArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "factors confirm totp",
        Summary: "Confirm the authenticator app you are enrolling with the code it shows.",
        Permission: TrustPermissions.OwnFactors,
        Examples: [])
    {
        Variants = ["factors confirm totp 123456"],
    };

    public async Task<CommandResult> HandleAsync(ConfirmTotpArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var code = arguments.Code.Trim();
        if (!AuthenticatorCodes.LooksLikeACode(code))
        {
            return TrustErrors.NotACode();
        }

        var (attempt, refusal) = await attempts.BeginAsync(actor.PersonId, cancellationToken);
        if (attempt is null)
        {
            return refusal!;
        }

        var error = await attempts.EndAsync(attempt, await codes.UseAsync(actor.PersonId, code, confirming: true, cancellationToken), actor.FrontEnd, cancellationToken);
        return error is not null
            ? error
            : Reply.Text("Your authenticator app is enrolled. When a command needs a second factor, `verify` with the code it shows.", Severity.Success);
    }
}

internal sealed record ConfirmTotpArguments(
    [Argument("The 6-digit code your authenticator app shows now.", IsSecret = true, MaxLength = 16)] string Code);
