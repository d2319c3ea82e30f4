using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Core.People;

namespace Switchboard.Modules.Trust.Verifications;

/// <summary>A person's second-factor state: when they last verified, and how their wrong codes stand.</summary>
internal sealed class PersonVerification
{
    public PersonId PersonId { get; init; }

    public DateTimeOffset? VerifiedAt { get; set; }

    /// <summary>What they verified with: <c>authenticator app</c>, <c>YubiKey cccjgjgkhcbb</c>.</summary>
    public string? VerifiedWith { get; set; }

    /// <summary>A one-use command has spent the latest verification.</summary>
    public bool IsSpent { get; set; }

    /// <summary>Attempts counted since <see cref="FailingSince"/>, this one included while it is checked.</summary>
    public int FailedAttempts { get; set; }

    public DateTimeOffset? FailingSince { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }
}

internal sealed class PersonVerificationConfiguration : IEntityTypeConfiguration<PersonVerification>
{
    public void Configure(EntityTypeBuilder<PersonVerification> verification)
    {
        verification.ToTable("trust_verifications");
        verification.HasKey(v => v.PersonId);
        verification.Property(v => v.VerifiedWith).HasMaxLength(64);
    }
}
