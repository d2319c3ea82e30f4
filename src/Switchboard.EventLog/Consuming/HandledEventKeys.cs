using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Data;

namespace Switchboard.EventLog.Consuming;

/// <summary>
/// Progress for engines that may deliver an event more than once (Kafka after a rebalance or a crash,
/// and a repeat the sender appended twice): one row per consumer and event, keyed by the event's dedupe
/// key. A second delivery finds the row and is skipped; a concurrent one waits on the key until the
/// first commits, then is skipped too.
/// </summary>
internal sealed class HandledEventKeys(TimeProvider clock) : IConsumerProgress
{
    public bool MarksEarlierEvents => false;

    public async Task<bool> TryMarkDoneAsync(SwitchboardDbContext db, string consumer, LoggedEvent logged, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        object handledAt = db.Database.IsSqlite() ? now.ToUnixTimeMilliseconds() : now;
        var inserted = await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO event_handled_keys (consumer, source, dedupe_key, position, handled_at)
            VALUES ({consumer}, {logged.Source}, {logged.DedupeKey}, {logged.Position}, {handledAt})
            ON CONFLICT (consumer, source, dedupe_key) DO NOTHING
            """,
            cancellationToken);
        return inserted == 1;
    }
}

/// <summary>That a consumer handled (or dead-lettered) the event with this source and dedupe key, at this position.</summary>
internal sealed class HandledEventKey
{
    public required string Consumer { get; init; }

    public required string Source { get; init; }

    public required string DedupeKey { get; init; }

    public long Position { get; init; }

    public DateTimeOffset HandledAt { get; init; }
}

internal sealed class HandledEventKeyConfiguration : IEntityTypeConfiguration<HandledEventKey>
{
    public void Configure(EntityTypeBuilder<HandledEventKey> handled)
    {
        handled.ToTable("event_handled_keys");
        handled.HasKey(h => new { h.Consumer, h.Source, h.DedupeKey });
        handled.Property(h => h.Consumer).HasMaxLength(64);
        handled.Property(h => h.Source).HasMaxLength(64);
        handled.Property(h => h.DedupeKey).HasMaxLength(EventLimits.DedupeKey);
        // The retention drops the oldest an hour apart.
        handled.HasIndex(h => h.HandledAt);
    }
}
