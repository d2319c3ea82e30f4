using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Core.People;

namespace Switchboard.Modules.Rolodex.LinkIdentity;

/// <summary>A one-time code that proves an account on a service is the person's, kept only as a hash.</summary>
internal sealed class LinkCode
{
    /// <summary>Long enough that a code cannot be guessed in its lifetime, short enough to type in a chat box.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    // Crockford's base32: no I, L, O or U, so a code read aloud or retyped is not mistaken.
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const int Length = 10;

    public Guid Id { get; init; }

    public PersonId PersonId { get; init; }

    public required string Service { get; init; }

    public required string CodeHash { get; init; }

    public DateTimeOffset IssuedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? UsedAt { get; set; }

    /// <returns>The code as the person types it, <c>XXXXX-XXXXX</c>.</returns>
    public static string NewCode()
    {
        var code = RandomNumberGenerator.GetString(Alphabet, Length);
        return code[..5] + "-" + code[5..];
    }

    /// <summary>The hash of the code as typed, ignoring case, spaces and dashes.</summary>
    public static string HashOf(string typed)
    {
        var normalized = new string(typed.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
    }
}

internal sealed class LinkCodeConfiguration : IEntityTypeConfiguration<LinkCode>
{
    public void Configure(EntityTypeBuilder<LinkCode> code)
    {
        code.ToTable("rolodex_link_codes");
        code.HasKey(c => c.Id);
        code.Property(c => c.Service).HasMaxLength(32);
        code.Property(c => c.CodeHash).HasMaxLength(64);
        code.HasIndex(c => c.CodeHash).IsUnique();
        code.HasIndex(c => c.PersonId);
    }
}
