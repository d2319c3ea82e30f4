using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Switchboard.EventLog.Embedded;

/// <summary>
/// One appended event. <see cref="Position"/> is set after it commits, in commit order. With the Kafka
/// engine this table is the archive operators browse, with Kafka's positions.
/// </summary>
internal sealed class EventLogEntry
{
    public long Id { get; init; }

    public long? Position { get; set; }

    public required string Source { get; init; }

    public required string DedupeKey { get; init; }

    public required string Type { get; init; }

    public string? OrderingKey { get; init; }

    public required string HeadersJson { get; init; }

    /// <summary>The body as stored: see <see cref="BodyEncoding"/>.</summary>
    public required byte[] Body { get; init; }

    /// <summary>Null for a body stored as received, the compression of one stored compressed (<see cref="EventBodies.Snappy"/>, or <see cref="EventBodies.Zlib"/> from earlier versions).</summary>
    public string? BodyEncoding { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>
    /// On SQLite, the hash that <see cref="LoggedKeys"/> finds the row's dedupe key by; null where the unique index
    /// on the key itself refuses repeats (PostgreSQL, the Kafka archive, SQLite rows from before hashes).
    /// </summary>
    public long? KeyHash { get; init; }

    public LoggedEvent ToLoggedEvent() => new(
        Position!.Value, Source, DedupeKey, Type, OrderingKey,
        JsonSerializer.Deserialize<Dictionary<string, string>>(HeadersJson)!, EventBodies.AsReceived(Body, BodyEncoding), ReceivedAt);
}

/// <summary>How far a consumer has handled the log.</summary>
internal sealed class EventCheckpoint
{
    public required string Consumer { get; init; }

    public long Position { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class EventLogConfiguration : IEntityTypeConfiguration<EventLogEntry>, IEntityTypeConfiguration<EventCheckpoint>
{
    /// <summary>The predicate of the unique index on the dedupe keys, which an upsert's conflict target repeats.</summary>
    public const string WithoutKeyHash = "key_hash IS NULL";

    public const string WithKeyHash = "key_hash IS NOT NULL";

    public void Configure(EntityTypeBuilder<EventLogEntry> entry)
    {
        entry.ToTable("event_log_entries");
        entry.HasKey(e => e.Id);
        entry.Property(e => e.Source).HasMaxLength(64);
        entry.Property(e => e.DedupeKey).HasMaxLength(EventLimits.DedupeKey);
        entry.Property(e => e.Type).HasMaxLength(EventLimits.Type);
        entry.Property(e => e.OrderingKey).HasMaxLength(EventLimits.OrderingKey);
        entry.Property(e => e.BodyEncoding).HasMaxLength(16);
        entry.HasIndex(e => new { e.Source, e.DedupeKey }).IsUnique().HasFilter(WithoutKeyHash);
        // In id order, so appends only add at its end: what a starting process reads the hashes back from.
        entry.HasIndex(e => new { e.Id, e.KeyHash }).HasFilter(WithKeyHash);
        entry.HasIndex(e => e.Position).IsUnique();
        // Operators browse the newest events first (`events`).
        entry.HasIndex(e => e.ReceivedAt);
    }

    public void Configure(EntityTypeBuilder<EventCheckpoint> checkpoint)
    {
        checkpoint.ToTable("event_checkpoints");
        checkpoint.HasKey(c => c.Consumer);
        checkpoint.Property(c => c.Consumer).HasMaxLength(64);
    }
}
