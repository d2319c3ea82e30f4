using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Errors;
using Switchboard.Core.People;
using Switchboard.Data;
using Switchboard.Modules.Trust.Secrets;

namespace Switchboard.Modules.Trust.Factors;

/// <summary>Checks a code against a person's authenticator app and uses it up: a code, and every code before it, works once.</summary>
internal sealed class AuthenticatorCodes(SwitchboardDbContext db, AtRestEncryption encryption, TimeProvider clock)
{
    public static bool LooksLikeACode(string text) => text.Length == TotpAlgorithm.Default.Digits && text.All(char.IsAsciiDigit);

    /// <param name="confirming">The code confirms an app being enrolled, rather than one already confirmed.</param>
    public async Task<Error?> UseAsync(PersonId person, string code, bool confirming, CancellationToken cancellationToken)
    {
        var authenticator = await db.Set<TotpAuthenticator>().AsNoTracking().SingleOrDefaultAsync(a => a.PersonId == person, cancellationToken);
        if (authenticator is null || (confirming && authenticator.IsConfirmed))
        {
            return confirming ? TrustErrors.NothingToConfirm() : TrustErrors.NoAuthenticator();
        }

        if (!confirming && !authenticator.IsConfirmed)
        {
            return TrustErrors.AuthenticatorNotConfirmed();
        }

        var now = clock.GetUtcNow();
        var secret = encryption.Open(authenticator.SealedSecret, TotpAuthenticator.SecretContext(person));
        if (TotpCodes.MatchingStep(secret, code, now, TotpAlgorithm.Default) is not { } step)
        {
            return TrustErrors.CodeRefused();
        }

        // One statement, so two requests racing with the same code cannot both win.
        var used = await db.Set<TotpAuthenticator>()
            .Where(a => a.PersonId == person && a.LastUsedStep < step)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(a => a.LastUsedStep, step)
                    .SetProperty(a => a.LastUsedAt, now)
                    .SetProperty(a => a.ConfirmedAt, a => a.ConfirmedAt ?? now),
                cancellationToken);
        return used == 1 ? null : TrustErrors.CodeAlreadyUsed();
    }
}
