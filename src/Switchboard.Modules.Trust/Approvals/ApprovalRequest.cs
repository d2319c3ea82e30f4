using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Core.Commands;
using Switchboard.Core.People;

namespace Switchboard.Modules.Trust.Approvals;

/// <summary>
/// A run of a command that waits for a second person's approval, then for its run. The request is sealed (it
/// may hold secrets); the redacted line is for people to read. Decided rows stay, so <c>approvals</c> and the
/// audit can tell what became of a request.
/// </summary>
internal sealed class ApprovalRequest
{
    /// <summary>What people type: <c>approve 12</c>.</summary>
    public long Number { get; init; }

    public PersonId RequesterId { get; init; }

    /// <summary>Where it came from: it runs as from there.</summary>
    public FrontEnd FrontEnd { get; init; }

    /// <summary>The access of the credential it came with, which it keeps when it runs.</summary>
    public ActorAccess Access { get; init; }

    public DateTimeOffset? CredentialExpiresAt { get; init; }

    public required string Verb { get; init; }

    public required string CanonicalText { get; init; }

    public string SealedRequest { get; set; } = "";

    /// <summary>The owning team, whose members with <see cref="Role"/> or above may approve.</summary>
    public required string Team { get; init; }

    public required string Role { get; init; }

    /// <summary>The channel it was posted to with Approve and Deny buttons, if the team has one.</summary>
    public string? Channel { get; set; }

    public DateTimeOffset RequestedAt { get; init; }

    /// <summary>Until when it waits for a decision; once approved, until when it may run.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    public ApprovalState State { get; set; }

    public PersonId? DecidedBy { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? Reason { get; set; }

    public static string RequestContext(PersonId requester, long number) => $"approval-request:{requester}:{number}";
}

internal enum ApprovalState
{
    /// <summary>Waiting for someone with the role to approve or deny it.</summary>
    Pending,

    /// <summary>Approved; runs once, as its requester, when its second factor (if any) is given.</summary>
    Approved,

    Ran,
    Denied,
    Expired,

    /// <summary>Its requester was disabled.</summary>
    Cancelled,
}

internal sealed class ApprovalRequestConfiguration : IEntityTypeConfiguration<ApprovalRequest>
{
    public void Configure(EntityTypeBuilder<ApprovalRequest> request)
    {
        request.ToTable("trust_approval_requests");
        request.HasKey(r => r.Number);
        request.Property(r => r.Number).ValueGeneratedOnAdd();
        request.Property(r => r.FrontEnd).HasConversion<string>().HasMaxLength(16);
        request.Property(r => r.Access).HasConversion<string>().HasMaxLength(16);
        request.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
        request.Property(r => r.Verb).HasMaxLength(100);
        request.Property(r => r.CanonicalText).HasMaxLength(8_000);
        request.Property(r => r.SealedRequest).HasMaxLength(40_000);
        request.Property(r => r.Team).HasMaxLength(64);
        request.Property(r => r.Role).HasMaxLength(16);
        request.Property(r => r.Channel).HasMaxLength(80);
        request.Property(r => r.Reason).HasMaxLength(500);
        request.HasIndex(r => new { r.RequesterId, r.State });
        request.HasIndex(r => new { r.State, r.ExpiresAt });
    }
}
