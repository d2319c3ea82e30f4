using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Core.People;

namespace Switchboard.Modules.Trust.Factors;

/// <summary>A person's authenticator app: a TOTP secret, waiting until a first code confirms it. One per person.</summary>
internal sealed class TotpAuthenticator
{
    public PersonId PersonId { get; init; }

    /// <summary>The secret, sealed with <see cref="Secrets.AtRestEncryption"/> for <see cref="SecretContext"/>.</summary>
    public required string SealedSecret { get; init; }

    public DateTimeOffset EnrolledAt { get; init; }

    public DateTimeOffset? ConfirmedAt { get; set; }

    /// <summary>The newest time step whose code was accepted: a code of that step or an earlier one is refused, so each works once.</summary>
    public long LastUsedStep { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public bool IsConfirmed => ConfirmedAt is not null;

    public static string SecretContext(PersonId person) => $"totp:{person}";
}

internal sealed class TotpAuthenticatorConfiguration : IEntityTypeConfiguration<TotpAuthenticator>
{
    public void Configure(EntityTypeBuilder<TotpAuthenticator> authenticator)
    {
        authenticator.ToTable("trust_totp_authenticators");
        authenticator.HasKey(a => a.PersonId);
        authenticator.Property(a => a.SealedSecret).HasMaxLength(200);
        authenticator.Ignore(a => a.IsConfirmed);
    }
}
