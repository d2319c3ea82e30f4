using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Switchboard.EventLog.Consuming;

/// <summary>An event a consumer gave up on after its retries, kept with the last error for an operator.</summary>
internal sealed class EventDeadLetter
{
    public long Id { get; init; }

    public required string Consumer { get; init; }

    public long Position { get; init; }

    public required string Error { get; init; }

    public DateTimeOffset FailedAt { get; init; }
}

internal sealed class EventDeadLetterConfiguration : IEntityTypeConfiguration<EventDeadLetter>
{
    public void Configure(EntityTypeBuilder<EventDeadLetter> dead)
    {
        dead.ToTable("event_dead_letters");
        dead.HasKey(d => d.Id);
        dead.Property(d => d.Consumer).HasMaxLength(64);
        dead.Property(d => d.Error).HasMaxLength(4000);
        dead.HasIndex(d => new { d.Consumer, d.Position }).IsUnique();
    }
}
