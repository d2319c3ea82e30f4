using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Core.People;

namespace Switchboard.Modules.Rolodex.Vault;

/// <summary>
/// A person's credential for one service. The token and refresh token are sealed under a data key of the
/// entry's own, which is stored only wrapped by a key-encryption key that lives outside the database.
/// </summary>
internal sealed class VaultEntry
{
    public Guid Id { get; init; }

    public PersonId PersonId { get; init; }

    /// <summary>Lower case: <c>github</c>, <c>heroku</c>, <c>pagerduty</c>, or any other service's name.</summary>
    public required string Service { get; init; }

    /// <summary>The id of the key-encryption key (<c>Vault:Keys:&lt;id&gt;</c> or the key file) that wraps the data key.</summary>
    public required string KeyId { get; set; }

    public required byte[] WrappedKey { get; set; }

    public required byte[] SealedValue { get; set; }

    public byte[]? SealedRefreshToken { get; set; }

    /// <summary>As the service names them, separated by spaces (OAuth's own form, RFC 6749 §3.3).</summary>
    public required string Scopes { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public SealedCredential Sealed => new(KeyId, WrappedKey, SealedValue, SealedRefreshToken);

    public IReadOnlyList<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public void Seal(SealedCredential credential)
    {
        KeyId = credential.KeyId;
        WrappedKey = credential.WrappedKey;
        SealedValue = credential.Value;
        SealedRefreshToken = credential.RefreshToken;
    }
}

internal sealed class VaultEntryConfiguration : IEntityTypeConfiguration<VaultEntry>
{
    public void Configure(EntityTypeBuilder<VaultEntry> entry)
    {
        entry.ToTable("rolodex_vault_entries");
        entry.HasKey(e => e.Id);
        entry.Property(e => e.Service).HasMaxLength(VaultRules.MaxServiceLength);
        entry.Property(e => e.KeyId).HasMaxLength(VaultRules.MaxKeyIdLength);
        entry.Property(e => e.Scopes).HasMaxLength(VaultRules.MaxScopesLength);
        entry.Ignore(e => e.Sealed);
        entry.Ignore(e => e.ScopeList);
        entry.HasIndex(e => new { e.PersonId, e.Service }).IsUnique();
        // Rotation looks for the entries that are not yet under the active key.
        entry.HasIndex(e => e.KeyId);
        entry.HasOne<People.Person>().WithMany().HasForeignKey(e => e.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
