using Fido2NetLib;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Data;
using Switchboard.Data.Database;
using Switchboard.Modules.Trust.Factors;
using Switchboard.Modules.Trust.SecurityKeys;

namespace Switchboard.Modules.Trust.EnrollSecurityKey;

/// <summary>
/// <c>factors enroll key &lt;request&gt; --name &lt;name&gt;</c>: completes registering a security key or passkey with the
/// browser's answer (the secret input) to options the console's Security keys page asked for. Through dispatch, so
/// that adding a factor needs a second factor once the person has one, as enrolling any other factor does.
/// </summary>
internal sealed class EnrollSecurityKeyCommand(
    SwitchboardDbContext db, Ceremonies ceremonies, RelyingParty relyingParty, TimeProvider clock, ILogger<EnrollSecurityKeyCommand> logger)
    : ICommandHandler<EnrollSecurityKeyArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "factors enroll key",
        Summary: "Register a security key or passkey: the console's Security keys page asks the browser and sends its answer here.",
        Permission: TrustPermissions.OwnFactors,
        Examples: [])
    {
        Variants = ["factors enroll key 0f8fad5b-d9cb-469f-a165-70867728950e"],
        Assurance = AssurancePolicy.VerifiedOnceEnrolled,
        NotOfferedOn = new HashSet<FrontEnd> { FrontEnd.Slack, FrontEnd.Email, FrontEnd.Sms },
    };

    public async Task<CommandResult> HandleAsync(EnrollSecurityKeyArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var name = arguments.Name?.Trim() is { Length: > 0 } given ? given : "Security key";
        if (name.Length > SecurityKey.MaxNameLength || name.Any(char.IsControl))
        {
            return TrustErrors.InvalidKeyName();
        }

        if (KeyAssertions.Parse<AuthenticatorAttestationRawResponse>(arguments.Answer) is not { RawId.Length: > 0 } answer)
        {
            return TrustErrors.NotAWebAuthnAnswer();
        }

        var pending = Guid.TryParse(arguments.Request, out var id) ? await ceremonies.TakeAsync(id, CeremonyPurpose.Registration, cancellationToken) : null;
        if (pending is null || pending.PersonId != actor.PersonId)
        {
            return TrustErrors.CeremonyUnusable();
        }

        Fido2NetLib.Objects.RegisteredPublicKeyCredential credential;
        try
        {
            credential = await relyingParty.Fido2().MakeNewCredentialAsync(
                new MakeNewCredentialParams
                {
                    AttestationResponse = answer,
                    OriginalOptions = CredentialCreateOptions.FromJson(pending.OptionsJson),
                    IsCredentialIdUniqueToUserCallback = async (candidate, token) =>
                        !await db.Set<SecurityKey>().AnyAsync(k => k.CredentialId == candidate.CredentialId, token),
                },
                cancellationToken);
        }
        catch (Fido2VerificationException exception)
        {
            logger.SecurityKeyRefused("new", actor.PersonId, exception.Message);
            return TrustErrors.SecurityKeyRefused();
        }

        var key = new SecurityKey
        {
            CredentialId = credential.Id,
            Reference = SecurityKey.ReferenceFor(credential.Id),
            PersonId = actor.PersonId,
            Name = name,
            PublicKey = credential.PublicKey,
            SignCount = credential.SignCount,
            RegisteredAt = clock.GetUtcNow(),
        };
        db.Add(key);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            return TrustErrors.SecurityKeyExists();
        }

        logger.SecurityKeyRegistered(actor.PersonId, key.Reference);
        return Reply.Text(
            $"Registered your security key **{name}** (`{key.Reference}`). When a command needs a second factor, the reply links to a page where you touch it; "
                + "it also signs you in to the console as a passkey.",
            Severity.Success);
    }
}

internal sealed record EnrollSecurityKeyArguments(
    [Argument("The id of the registration request the console's page started.", MaxLength = 36)] string Request,
    [SecretInput("The browser's answer: the new PublicKeyCredential as JSON.", MaxLength = 16_000)] string Answer,
    [Option("What to call the key in 'factors list', such as 'Desk key'.", MaxLength = SecurityKey.MaxNameLength)] string? Name = null);
