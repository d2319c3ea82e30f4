using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Core.People;

namespace Switchboard.Modules.Trust.Factors;

/// <summary>
/// A security key or passkey registered through WebAuthn as a discoverable credential, so it can both verify its
/// person and sign them in. Only its public key is kept.
/// </summary>
internal sealed class SecurityKey
{
    public const int MaxNameLength = 64;

    /// <summary>The credential id the authenticator chose; unique, and how an assertion names its key.</summary>
    public required byte[] CredentialId { get; init; }

    /// <summary>How people name it in <c>factors list</c> and <c>factors remove</c>: <c>key-</c> and 8 hexadecimal digits.</summary>
    public required string Reference { get; init; }

    public PersonId PersonId { get; init; }

    public required string Name { get; init; }

    /// <summary>The credential's public key, COSE-encoded.</summary>
    public required byte[] PublicKey { get; init; }

    /// <summary>The newest signature counter seen; an authenticator that counts must count higher each time, or it may be a clone.</summary>
    public long SignCount { get; set; }

    public DateTimeOffset RegisteredAt { get; init; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public static string ReferenceFor(byte[] credentialId) => "key-" + Convert.ToHexStringLower(SHA256.HashData(credentialId).AsSpan(0, 4));

    /// <summary>The WebAuthn user handle of a person: the id of their Rolodex entry, which says nothing about them.</summary>
    public static byte[] UserHandleOf(PersonId person) => person.Value.ToByteArray();
}

internal sealed class SecurityKeyConfiguration : IEntityTypeConfiguration<SecurityKey>
{
    public void Configure(EntityTypeBuilder<SecurityKey> key)
    {
        key.ToTable("trust_security_keys");
        key.HasKey(k => k.CredentialId);
        key.Property(k => k.CredentialId).HasMaxLength(1023);
        key.Property(k => k.Reference).HasMaxLength(12);
        key.Property(k => k.Name).HasMaxLength(SecurityKey.MaxNameLength);
        key.Property(k => k.PublicKey).HasMaxLength(2048);
        key.HasIndex(k => k.Reference).IsUnique();
        key.HasIndex(k => k.PersonId);
    }
}
