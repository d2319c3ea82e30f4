using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Core.People;

namespace Switchboard.Modules.Trust.Factors;

/// <summary>
/// A YubiKey enrolled by its public id, so its OTPs prove one person: validated by YubiCloud, or by
/// Switchboard itself from the slot's AES key and private id.
/// </summary>
internal sealed class EnrolledYubiKey
{
    /// <summary>The modhex public id the key types before each OTP; a key belongs to one person.</summary>
    public required string PublicId { get; init; }

    public PersonId PersonId { get; init; }

    /// <summary>The slot's AES key and private id, sealed for <see cref="SecretContext"/>; null for a key YubiCloud validates.</summary>
    public string? SealedSecret { get; init; }

    public DateTimeOffset EnrolledAt { get; init; }

    /// <summary>The counter of the newest OTP accepted (<see cref="YubiKeyToken.Counter"/>); an OTP must count higher.</summary>
    public int LastCounter { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public bool IsValidatedLocally => SealedSecret is not null;

    public static string SecretContext(string publicId) => $"yubikey:{publicId}";
}

internal sealed class EnrolledYubiKeyConfiguration : IEntityTypeConfiguration<EnrolledYubiKey>
{
    public void Configure(EntityTypeBuilder<EnrolledYubiKey> key)
    {
        key.ToTable("trust_yubikeys");
        key.HasKey(k => k.PublicId);
        key.Property(k => k.PublicId).HasMaxLength(YubiKeyOtp.MaxPublicIdLength);
        key.Property(k => k.SealedSecret).HasMaxLength(200);
        key.HasIndex(k => k.PersonId);
        key.Ignore(k => k.IsValidatedLocally);
    }
}
