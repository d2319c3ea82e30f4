using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Core.People;

namespace Switchboard.Modules.Rolodex.Sessions;

/// <summary>A signed-in browser. Only a hash of its cookie is stored.</summary>
internal sealed class WebSession
{
    public Guid Id { get; init; }

    public PersonId PersonId { get; init; }

    /// <summary>SHA-256 of the cookie value, hex.</summary>
    public required string Hash { get; init; }

    /// <summary>The browser's own description, shortened; lets a person tell their sessions apart.</summary>
    public required string Client { get; init; }

    public string? Address { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset LastSeenAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>The first characters of the id, which <c>sessions</c> shows and <c>sessions revoke</c> accepts.</summary>
    public string ShortId => Id.ToString("N")[..8];
}

internal sealed class WebSessionConfiguration : IEntityTypeConfiguration<WebSession>
{
    public void Configure(EntityTypeBuilder<WebSession> session)
    {
        session.ToTable("rolodex_web_sessions");
        session.HasKey(s => s.Id);
        session.Property(s => s.Hash).HasMaxLength(64).IsFixedLength();
        session.Property(s => s.Client).HasMaxLength(200);
        session.Property(s => s.Address).HasMaxLength(64);
        session.Ignore(s => s.ShortId);
        session.HasIndex(s => s.Hash).IsUnique();
        session.HasIndex(s => new { s.PersonId, s.EndedAt });
        session.HasOne<People.Person>().WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>A one-time sign-in link. Only a hash of its code is stored.</summary>
internal sealed class SignInLinkRecord
{
    public Guid Id { get; init; }

    public PersonId PersonId { get; init; }

    public PersonId IssuedBy { get; init; }

    public required string Hash { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? UsedAt { get; set; }
}

internal sealed class SignInLinkConfiguration : IEntityTypeConfiguration<SignInLinkRecord>
{
    public void Configure(EntityTypeBuilder<SignInLinkRecord> link)
    {
        link.ToTable("rolodex_sign_in_links");
        link.HasKey(l => l.Id);
        link.Property(l => l.Hash).HasMaxLength(64).IsFixedLength();
        link.HasIndex(l => l.Hash).IsUnique();
        link.HasOne<People.Person>().WithMany().HasForeignKey(l => l.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
