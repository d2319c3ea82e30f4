using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.EventLog;

namespace Switchboard.Modules.Slack.Inbound;

/// <summary>
/// A request from Slack the <c>slack</c> consumer took from the log and the runner has not yet answered. It
/// exists so that a command runs outside the consumer's transaction (a deploy may take minutes, and must not
/// hold the log back) without being lost if the process dies before the reply is posted.
/// </summary>
internal sealed class PendingSlackRequest
{
    public Guid Id { get; init; }

    public required string DedupeKey { get; init; }

    public required string Type { get; init; }

    public required byte[] Body { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Until when a runner holds it; after that, another runner (or this one, restarted) may take it up again.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }
}

internal sealed class PendingSlackRequestConfiguration : IEntityTypeConfiguration<PendingSlackRequest>
{
    public void Configure(EntityTypeBuilder<PendingSlackRequest> pending)
    {
        pending.ToTable("slack_pending_requests");
        pending.HasKey(p => p.Id);
        pending.Property(p => p.DedupeKey).HasMaxLength(EventLimits.DedupeKey);
        pending.Property(p => p.Type).HasMaxLength(EventLimits.Type);
        pending.HasIndex(p => p.DedupeKey).IsUnique();
    }
}
