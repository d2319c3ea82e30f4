using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Core.Commands;
using Switchboard.Core.People;

namespace Switchboard.Modules.Trust.Verifications;

/// <summary>
/// A command refused for want of a second factor, kept until its person verifies or it expires. The
/// request is sealed (it may hold secrets, such as an unused OTP); the redacted line is for people to read.
/// </summary>
internal sealed class HeldInvocation
{
    public Guid Id { get; init; }

    public PersonId PersonId { get; init; }

    /// <summary>Where it came from: it runs as from there, and its reply goes where that front end's replies go.</summary>
    public FrontEnd FrontEnd { get; init; }

    /// <summary>The access of the credential it came with, which it keeps when it runs.</summary>
    public ActorAccess Access { get; init; }

    public DateTimeOffset? CredentialExpiresAt { get; init; }

    public required string Verb { get; init; }

    public required string CanonicalText { get; init; }

    public required string SealedRequest { get; init; }

    public DateTimeOffset HeldAt { get; init; }

    /// <summary>Never later than the credential it came with expires.</summary>
    public DateTimeOffset ExpiresAt { get; init; }

    public static string RequestContext(PersonId person, Guid id) => $"pending-invocation:{person}:{id}";
}

internal sealed class HeldInvocationConfiguration : IEntityTypeConfiguration<HeldInvocation>
{
    public void Configure(EntityTypeBuilder<HeldInvocation> held)
    {
        held.ToTable("trust_pending_invocations");
        held.HasKey(h => h.Id);
        held.Property(h => h.FrontEnd).HasConversion<string>().HasMaxLength(16);
        held.Property(h => h.Access).HasConversion<string>().HasMaxLength(16);
        held.Property(h => h.Verb).HasMaxLength(100);
        held.Property(h => h.CanonicalText).HasMaxLength(8_000);
        held.Property(h => h.SealedRequest).HasMaxLength(40_000);
        held.HasIndex(h => new { h.PersonId, h.ExpiresAt });
    }
}
