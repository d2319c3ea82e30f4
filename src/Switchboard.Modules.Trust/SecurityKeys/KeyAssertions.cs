using System.Text.Json;
using Fido2NetLib;
using Fido2NetLib.Objects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Switchboard.Core.Errors;
using Switchboard.Core.People;
using Switchboard.Data;
using Switchboard.Modules.Trust.Factors;

namespace Switchboard.Modules.Trust.SecurityKeys;

/// <summary>
/// Checks a browser's assertion against a registered key: the challenge, origin, user handle and signature (by
/// Fido2), and a signature counter that must go up, which one statement records so that an answer counts once.
/// </summary>
internal sealed class KeyAssertions(SwitchboardDbContext db, RelyingParty relyingParty, TimeProvider clock, ILogger<KeyAssertions> logger)
{
    /// <param name="person">Whose key it must be; null when the key says whose it is (a passkey sign-in).</param>
    public async Task<(SecurityKey? Key, Error? Error)> VerifyAsync(
        string credentialJson, AssertionOptions original, PersonId? person, CancellationToken cancellationToken)
    {
        if (Parse<AuthenticatorAssertionRawResponse>(credentialJson) is not { RawId.Length: > 0 } answer)
        {
            return (null, TrustErrors.NotAWebAuthnAnswer());
        }

        var key = await db.Set<SecurityKey>().AsNoTracking().SingleOrDefaultAsync(k => k.CredentialId == answer.RawId, cancellationToken);
        if (key is null || (person is { } expected && key.PersonId != expected))
        {
            return (null, TrustErrors.UnknownSecurityKey());
        }

        VerifyAssertionResult result;
        try
        {
            result = await relyingParty.Fido2().MakeAssertionAsync(
                new MakeAssertionParams
                {
                    AssertionResponse = answer,
                    OriginalOptions = original,
                    StoredPublicKey = key.PublicKey,
                    StoredSignatureCounter = (uint)key.SignCount,
                    IsUserHandleOwnerOfCredentialIdCallback = (owner, _) =>
                        Task.FromResult(owner.UserHandle.AsSpan().SequenceEqual(SecurityKey.UserHandleOf(key.PersonId))),
                },
                cancellationToken);
        }
        catch (Fido2VerificationException exception)
        {
            logger.SecurityKeyRefused(key.Reference, key.PersonId, exception.Message);
            return (null, TrustErrors.SecurityKeyRefused());
        }

        // Racing answers with one counter value: the first to record it wins. A key that counts nothing (always 0) relies on the single-use challenge.
        var now = clock.GetUtcNow();
        var counter = (long)result.SignCount;
        var thisKey = db.Set<SecurityKey>().Where(k => k.CredentialId == key.CredentialId);
        var recorded = counter == 0
            ? await thisKey.ExecuteUpdateAsync(set => set.SetProperty(k => k.LastUsedAt, now), cancellationToken)
            : await thisKey.Where(k => k.SignCount < counter).ExecuteUpdateAsync(
                set => set.SetProperty(k => k.SignCount, counter).SetProperty(k => k.LastUsedAt, now), cancellationToken);
        if (recorded == 0)
        {
            logger.SecurityKeyRefused(key.Reference, key.PersonId, "signature counter already used");
            return (null, TrustErrors.SecurityKeyRefused());
        }

        return (key, null);
    }

    /// <summary>A browser's JSON, or null when it is not the shape asked for.</summary>
    public static T? Parse<T>(string json)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
