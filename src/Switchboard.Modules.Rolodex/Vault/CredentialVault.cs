using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Credentials;
using Switchboard.Core.Errors;
using Switchboard.Core.People;
using Switchboard.Data;
using Switchboard.Data.Database;

namespace Switchboard.Modules.Rolodex.Vault;

/// <summary>The Rolodex's side of <see cref="ICredentialVault"/>, and what the <c>vault</c> commands read and write through.</summary>
internal sealed class CredentialVault(SwitchboardDbContext db, VaultKeyRing keys, TimeProvider clock) : ICredentialVault
{
    public async Task<CredentialLookup> FindAsync(PersonId person, string service, CancellationToken cancellationToken)
    {
        var name = Normalize(service);
        var entry = await db.Set<VaultEntry>().AsNoTracking().SingleOrDefaultAsync(e => e.PersonId == person && e.Service == name, cancellationToken);
        if (entry is null)
        {
            return new CredentialLookup(null, RolodexErrors.NoCredential(name));
        }

        var (opened, unreadable) = Open(entry);
        return opened is { } found
            ? new CredentialLookup(new ServiceCredential(found.Value, found.RefreshToken, entry.ExpiresAt, entry.ScopeList), null)
            : new CredentialLookup(null, unreadable);
    }

    public async Task<Error?> StoreAsync(PersonId person, string service, ServiceCredential credential, CancellationToken cancellationToken)
    {
        var name = Normalize(service);
        if (Refusal(name, credential) is { } refusal)
        {
            return refusal;
        }

        var sealedCredential = VaultEnvelope.Seal(keys.Active, person, name, credential.Value, credential.RefreshToken);
        var now = clock.GetUtcNow();
        var entry = await db.Set<VaultEntry>().SingleOrDefaultAsync(e => e.PersonId == person && e.Service == name, cancellationToken);
        if (entry is null)
        {
            entry = new VaultEntry
            {
                Id = Guid.CreateVersion7(now),
                PersonId = person,
                Service = name,
                KeyId = sealedCredential.KeyId,
                WrappedKey = sealedCredential.WrappedKey,
                SealedValue = sealedCredential.Value,
                Scopes = "",
                CreatedAt = now,
            };
            db.Add(entry);
        }

        entry.Seal(sealedCredential);
        entry.Scopes = string.Join(' ', credential.Scopes);
        entry.ExpiresAt = credential.ExpiresAt;
        entry.UpdatedAt = now;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            // Two stores raced for a person's first credential on the service: the later write wins, as a replace would.
            db.ChangeTracker.Clear();
            return await StoreAsync(person, service, credential, cancellationToken);
        }

        return null;
    }

    public async Task<bool> RemoveAsync(PersonId person, string service, CancellationToken cancellationToken)
    {
        var name = Normalize(service);
        return await db.Set<VaultEntry>().Where(e => e.PersonId == person && e.Service == name).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    /// <summary>The person's entries without their values, each with whether it still opens.</summary>
    public async Task<IReadOnlyList<(VaultEntry Entry, Error? Unreadable)>> ListAsync(PersonId person, CancellationToken cancellationToken)
    {
        var entries = await db.Set<VaultEntry>().AsNoTracking()
            .Where(e => e.PersonId == person)
            .OrderBy(e => e.Service)
            .ToListAsync(cancellationToken);
        return [.. entries.Select(e => (e, Open(e).Unreadable))];
    }

    private static string Normalize(string service) => service.Trim().ToLowerInvariant();

    private static Error? Refusal(string service, ServiceCredential credential)
    {
        if (!VaultRules.IsServiceName(service))
        {
            return RolodexErrors.InvalidVaultService();
        }

        if (!VaultRules.IsTokenText(credential.Value) || credential.RefreshToken is { } refresh && !VaultRules.IsTokenText(refresh))
        {
            return RolodexErrors.InvalidCredentialValue();
        }

        var scopes = string.Join(' ', credential.Scopes);
        return credential.Scopes.Any(s => s.Length is 0 or > VaultRules.MaxScopeLength || s.Any(char.IsWhiteSpace) || s.Any(char.IsControl))
            || scopes.Length > VaultRules.MaxScopesLength
            ? RolodexErrors.InvalidScopes()
            : null;
    }

    private ((string Value, string? RefreshToken)? Opened, Error? Unreadable) Open(VaultEntry entry)
    {
        if (keys.Find(entry.KeyId) is not { } key)
        {
            return (null, RolodexErrors.CredentialUnreadable(entry.Service, entry.KeyId));
        }

        try
        {
            return (VaultEnvelope.Open(key, entry.PersonId, entry.Service, entry.Sealed), null);
        }
        catch (CryptographicException)
        {
            // A different key under the same id, or a row changed behind Switchboard's back: the same answer either way.
            return (null, RolodexErrors.CredentialUnreadable(entry.Service, entry.KeyId));
        }
    }
}
