using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Core.People;

namespace Switchboard.Modules.Rolodex.Tokens;

/// <summary>A personal API token. Only its hash is stored; the token itself is shown once.</summary>
internal sealed class ApiToken
{
    public Guid Id { get; init; }

    public PersonId PersonId { get; init; }

    public required string Name { get; init; }

    /// <summary>SHA-256 of the whole token, hex.</summary>
    public required string Hash { get; init; }

    /// <summary>The first characters, so a person can tell tokens apart in <c>token list</c>.</summary>
    public required string Prefix { get; init; }

    public bool IsReadOnly { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> token)
    {
        token.ToTable("rolodex_api_tokens");
        token.HasKey(t => t.Id);
        token.Property(t => t.Name).HasMaxLength(100);
        token.Property(t => t.Hash).HasMaxLength(64).IsFixedLength();
        token.Property(t => t.Prefix).HasMaxLength(16);
        token.HasIndex(t => t.Hash).IsUnique();
        // A revoked token keeps its name in the history, and the name is free for a new token.
        token.HasIndex(t => new { t.PersonId, t.Name }).IsUnique().HasFilter("revoked_at IS NULL");
        token.HasOne<People.Person>().WithMany().HasForeignKey(t => t.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
