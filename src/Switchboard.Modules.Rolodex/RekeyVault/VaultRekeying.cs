using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Switchboard.Data;
using Switchboard.Modules.Rolodex.Vault;

namespace Switchboard.Modules.Rolodex.RekeyVault;

/// <summary>
/// Re-wraps every entry's data key under the active key-encryption key. The sealed tokens are not touched,
/// so nothing is lost if this stops half way, and each entry is changed only if nobody replaced it meanwhile.
/// </summary>
internal sealed class VaultRekeying(SwitchboardDbContext db, VaultKeyRing keys, ILogger<VaultRekeying> logger)
{
    public async Task<RekeyOutcome> RekeyAsync(CancellationToken cancellationToken)
    {
        var active = keys.Active;
        var stale = await db.Set<VaultEntry>().AsNoTracking()
            .Where(e => e.KeyId != active.Id)
            .Select(e => new { e.Id, e.PersonId, e.Service, e.KeyId, e.WrappedKey, e.SealedValue, e.SealedRefreshToken })
            .ToListAsync(cancellationToken);

        var rewrapped = 0;
        var unreadable = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in stale)
        {
            var sealedCredential = new SealedCredential(entry.KeyId, entry.WrappedKey, entry.SealedValue, entry.SealedRefreshToken);
            var rewrappedCredential = keys.Find(entry.KeyId) is { } from ? Rewrap(from, active, entry.PersonId, entry.Service, sealedCredential) : null;
            if (rewrappedCredential is null)
            {
                unreadable[entry.KeyId] = unreadable.GetValueOrDefault(entry.KeyId) + 1;
                continue;
            }

            rewrapped += await db.Set<VaultEntry>()
                .Where(e => e.Id == entry.Id && e.KeyId == entry.KeyId && e.WrappedKey == entry.WrappedKey)
                .ExecuteUpdateAsync(e => e.SetProperty(x => x.KeyId, active.Id).SetProperty(x => x.WrappedKey, rewrappedCredential.WrappedKey), cancellationToken);
        }

        if (rewrapped > 0)
        {
            logger.VaultRewrapped(rewrapped, active.Id);
        }

        foreach (var (keyId, count) in unreadable)
        {
            logger.VaultEntriesUnreadable(count, keyId);
        }

        var current = await db.Set<VaultEntry>().CountAsync(e => e.KeyId == active.Id, cancellationToken);
        return new RekeyOutcome(active.Id, rewrapped, current - rewrapped, unreadable);
    }

    private static SealedCredential? Rewrap(VaultKey from, VaultKey to, Core.People.PersonId person, string service, SealedCredential credential)
    {
        try
        {
            return VaultEnvelope.Rewrap(from, to, person, service, credential);
        }
        catch (CryptographicException)
        {
            // The key under that id is not the one that wrapped the entry: it stays as it is, reported unreadable.
            return null;
        }
    }
}

/// <param name="AlreadyActive">Entries that were under the active key before this run.</param>
/// <param name="Unreadable">Entries left as they were, by the key id they are wrapped under.</param>
internal sealed record RekeyOutcome(string ActiveKey, int Rewrapped, int AlreadyActive, IReadOnlyDictionary<string, int> Unreadable);
