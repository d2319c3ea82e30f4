using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Core.People;
using Switchboard.EventLog;

namespace Switchboard.Modules.Notify.History;

/// <summary>
/// What the router made of an event it had something to say about: its scope and the service that owned it
/// then. Written in the router's transaction, so it exists exactly when the event was routed.
/// </summary>
internal sealed class RoutedEvent
{
    public required string Source { get; init; }

    public required string DedupeKey { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }

    public required string Scope { get; set; }

    /// <summary>The owning service's name; null when no service claimed the scope.</summary>
    public string? Service { get; set; }

    public DateTimeOffset RoutedAt { get; set; }
}

/// <summary>
/// That an event's notification was posted to a channel. The key is the event and the channel, so an event
/// reaches each channel at most once, however often it is routed or replayed.
/// </summary>
internal sealed class EventPostRecord
{
    public required string Source { get; init; }

    public required string DedupeKey { get; init; }

    /// <summary>Without <c>#</c>, lower case.</summary>
    public required string Channel { get; init; }

    public DateTimeOffset PostedAt { get; init; }

    /// <summary>Who replayed the event to this channel; null when the router posted it as the event arrived.</summary>
    public PersonId? ReplayedBy { get; init; }
}

internal sealed class RoutedEventConfiguration : IEntityTypeConfiguration<RoutedEvent>, IEntityTypeConfiguration<EventPostRecord>
{
    public const int MaxScopeLength = 200;

    public void Configure(EntityTypeBuilder<RoutedEvent> routed)
    {
        routed.ToTable("notify_routed_events");
        routed.HasKey(r => new { r.Source, r.DedupeKey });
        routed.Property(r => r.Source).HasMaxLength(64);
        routed.Property(r => r.DedupeKey).HasMaxLength(EventLimits.DedupeKey);
        routed.Property(r => r.Scope).HasMaxLength(MaxScopeLength);
        routed.Property(r => r.Service).HasMaxLength(64);
        routed.HasIndex(r => new { r.Service, r.ReceivedAt });
    }

    public void Configure(EntityTypeBuilder<EventPostRecord> post)
    {
        post.ToTable("notify_event_posts");
        post.HasKey(p => new { p.Source, p.DedupeKey, p.Channel });
        post.Property(p => p.Source).HasMaxLength(64);
        post.Property(p => p.DedupeKey).HasMaxLength(EventLimits.DedupeKey);
        post.Property(p => p.Channel).HasMaxLength(80);
    }
}
