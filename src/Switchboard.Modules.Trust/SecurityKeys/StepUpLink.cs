using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Core.People;
using Switchboard.Modules.Trust.Verifications;

namespace Switchboard.Modules.Trust.SecurityKeys;

/// <summary>
/// A one-time link that approves one waiting command with a touch of its person's security key. Only the hash of
/// its code is kept; it goes when the command does (run, replaced or expired) and when it is used.
/// </summary>
internal sealed class StepUpLink
{
    public required string CodeHash { get; init; }

    public Guid HeldInvocationId { get; init; }

    public PersonId PersonId { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public static string NewCode() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string HashOf(string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code)));
}

internal sealed class StepUpLinkConfiguration : IEntityTypeConfiguration<StepUpLink>
{
    public void Configure(EntityTypeBuilder<StepUpLink> link)
    {
        link.ToTable("trust_step_up_links");
        link.HasKey(l => l.CodeHash);
        link.Property(l => l.CodeHash).HasMaxLength(64);
        link.HasOne<HeldInvocation>().WithMany().HasForeignKey(l => l.HeldInvocationId).OnDelete(DeleteBehavior.Cascade);
    }
}
