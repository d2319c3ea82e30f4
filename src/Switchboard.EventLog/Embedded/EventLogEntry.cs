using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Switchboard.EventLog.Embedded;

/// <summary>One appended event. <see cref="Position"/> is set after it commits, in commit order.</summary>
internal sealed class EventLogEntry
{
    public long Id { get; init; }

    public long? Position { get; set; }

    public required string Source { get; init; }

    public required string DedupeKey { get; init; }

    public required string Type { get; init; }

    public string? OrderingKey { get; init; }

    public required string HeadersJson { get; init; }

    public required byte[] Body { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }
}

/// <summary>How far a consumer has handled the log.</summary>
internal sealed class EventCheckpoint
{
    public required string Consumer { get; init; }

    public long Position { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>An event a consumer gave up on after its retries, kept with the last error for an operator.</summary>
internal sealed class EventDeadLetter
{
    public long Id { get; init; }

    public required string Consumer { get; init; }

    public long Position { get; init; }

    public required string Error { get; init; }

    public DateTimeOffset FailedAt { get; init; }
}

internal sealed class EventLogConfiguration :
    IEntityTypeConfiguration<EventLogEntry>, IEntityTypeConfiguration<EventCheckpoint>, IEntityTypeConfiguration<EventDeadLetter>
{
    public void Configure(EntityTypeBuilder<EventLogEntry> entry)
    {
        entry.ToTable("event_log_entries");
        entry.HasKey(e => e.Id);
        entry.Property(e => e.Source).HasMaxLength(64);
        entry.Property(e => e.DedupeKey).HasMaxLength(EventLimits.DedupeKey);
        entry.Property(e => e.Type).HasMaxLength(EventLimits.Type);
        entry.Property(e => e.OrderingKey).HasMaxLength(EventLimits.OrderingKey);
        entry.HasIndex(e => new { e.Source, e.DedupeKey }).IsUnique();
        entry.HasIndex(e => e.Position).IsUnique();
    }

    public void Configure(EntityTypeBuilder<EventCheckpoint> checkpoint)
    {
        checkpoint.ToTable("event_checkpoints");
        checkpoint.HasKey(c => c.Consumer);
        checkpoint.Property(c => c.Consumer).HasMaxLength(64);
    }

    public void Configure(EntityTypeBuilder<EventDeadLetter> dead)
    {
        dead.ToTable("event_dead_letters");
        dead.HasKey(d => d.Id);
        dead.Property(d => d.Consumer).HasMaxLength(64);
        dead.Property(d => d.Error).HasMaxLength(4000);
        dead.HasIndex(d => new { d.Consumer, d.Position }).IsUnique();
    }
}
