using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Core.Catalog;

namespace Switchboard.Modules.Notify.Timeline;

/// <summary>One row of a service's timeline; unique by service, source and reference so a redelivery adds nothing.</summary>
internal sealed class TimelineRecord
{
    public long Id { get; init; }

    public required string Service { get; init; }

    public TimelineKind Kind { get; init; }

    public DateTimeOffset OccurredAt { get; init; }

    public required string Title { get; init; }

    public string? Url { get; init; }

    public required string Source { get; init; }

    public required string Reference { get; init; }

    public string? Subject { get; init; }

    public string? AlertKey { get; init; }

    public string? Actor { get; init; }

    public static TimelineRecord From(TimelineEntry entry) => new()
    {
        Service = entry.Service,
        Kind = entry.Kind,
        OccurredAt = entry.OccurredAt,
        Title = entry.Title.Length <= TimelineRecordConfiguration.MaxTitleLength ? entry.Title : entry.Title[..(TimelineRecordConfiguration.MaxTitleLength - 1)] + "…",
        Url = entry.Url?.AbsoluteUri is { Length: <= TimelineRecordConfiguration.MaxUrlLength } url ? url : null,
        Source = entry.Source,
        Reference = entry.Reference,
        Subject = entry.Subject,
        AlertKey = entry.AlertKey,
        Actor = entry.Actor,
    };

    public TimelineEntry ToEntry() =>
        new(Service, Kind, OccurredAt, Title, Url is null ? null : new Uri(Url), Source, Reference, Subject, AlertKey, Actor);
}

internal sealed class TimelineRecordConfiguration : IEntityTypeConfiguration<TimelineRecord>
{
    public const int MaxTitleLength = 300;
    public const int MaxUrlLength = 1000;

    public void Configure(EntityTypeBuilder<TimelineRecord> record)
    {
        record.ToTable("notify_service_timeline");
        record.HasKey(r => r.Id);
        record.Property(r => r.Service).HasMaxLength(64);
        record.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
        record.Property(r => r.Title).HasMaxLength(MaxTitleLength);
        record.Property(r => r.Url).HasMaxLength(MaxUrlLength);
        record.Property(r => r.Source).HasMaxLength(64);
        record.Property(r => r.Reference).HasMaxLength(200);
        record.Property(r => r.Subject).HasMaxLength(200);
        record.Property(r => r.AlertKey).HasMaxLength(200);
        record.Property(r => r.Actor).HasMaxLength(200);
        record.HasIndex(r => new { r.Service, r.Source, r.Reference }).IsUnique();
        record.HasIndex(r => new { r.Service, r.OccurredAt });
    }
}
