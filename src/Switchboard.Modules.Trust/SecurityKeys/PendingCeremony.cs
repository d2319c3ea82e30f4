using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Core.People;

namespace Switchboard.Modules.Trust.SecurityKeys;

/// <summary>
/// WebAuthn options handed to a browser and not yet answered: the challenge the answer must sign, for one use
/// before it expires. Kept in the database, so that any process can take the answer.
/// </summary>
internal sealed class PendingCeremony
{
    public Guid Id { get; init; }

    public CeremonyPurpose Purpose { get; init; }

    /// <summary>Whose key registers or asserts; null for a passkey sign-in, where the key says whose it is.</summary>
    public PersonId? PersonId { get; init; }

    /// <summary>For a step-up, the hash of the link it came from, which the answer spends.</summary>
    public string? LinkHash { get; init; }

    public required string OptionsJson { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }
}

internal enum CeremonyPurpose
{
    Registration,
    StepUp,
    SignIn,
}

internal sealed class PendingCeremonyConfiguration : IEntityTypeConfiguration<PendingCeremony>
{
    public void Configure(EntityTypeBuilder<PendingCeremony> ceremony)
    {
        ceremony.ToTable("trust_webauthn_ceremonies");
        ceremony.HasKey(c => c.Id);
        ceremony.Property(c => c.Purpose).HasConversion<string>().HasMaxLength(16);
        ceremony.Property(c => c.LinkHash).HasMaxLength(64);
        ceremony.Property(c => c.OptionsJson).HasMaxLength(16_000);
        ceremony.HasIndex(c => c.ExpiresAt);
    }
}
