using Switchboard.Core.Events;

namespace Switchboard.EventLog.Browsing;

/// <summary>
/// The log as operators browse it, whichever the engine: <c>event_log_entries</c>, which the embedded engine
/// appends to and the Kafka engine's <c>archive</c> consumer copies into, with each event's progress through
/// one consumer. It reads and writes through the scope's database context.
/// </summary>
public interface IEventLogReader
{
    /// <returns>The events received since <see cref="EventLogQuery.Since"/> that match, newest first.</returns>
    Task<IReadOnlyList<BrowsedEvent>> RecentAsync(string consumer, EventLogQuery query, CancellationToken cancellationToken);

    /// <returns>Those of the events with these keys that the log holds, in no particular order.</returns>
    Task<IReadOnlyList<BrowsedEvent>> WithKeysAsync(string consumer, IReadOnlyCollection<EventKey> keys, CancellationToken cancellationToken);

    /// <returns>The event at this position, with its headers and body; null when the log has none there.</returns>
    Task<(BrowsedEvent Event, LoggedEvent Logged)?> FindAsync(string consumer, long position, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the consumer's dead letter for the event, in the caller's transaction: a replay that has now
    /// handled it commits this with its effects.
    /// </summary>
    /// <returns>Whether there was one.</returns>
    Task<bool> ClearDeadLetterAsync(string consumer, BrowsedEvent browsed, CancellationToken cancellationToken);
}

/// <param name="OrderingKeys">Only events with one of these ordering keys (a repository, a service id), compared ignoring case; null for any.</param>
public sealed record EventLogQuery(DateTimeOffset Since, int Limit, string? Source = null, IReadOnlyCollection<string>? OrderingKeys = null);

/// <summary>What names one event on every engine: on Kafka a redelivery has a position of its own, but the same key.</summary>
public readonly record struct EventKey(string Source, string DedupeKey);

/// <param name="Position">Where the event stands in the log, in the order consumers read it; null only on rows an earlier version appended and had not sequenced yet, until `migrate` positions them.</param>
/// <param name="Status">How far the consumer has got with it.</param>
/// <param name="Error">Why the consumer gave up on it, when it did.</param>
public sealed record BrowsedEvent(
    long? Position,
    string Source,
    string DedupeKey,
    string Type,
    string? OrderingKey,
    DateTimeOffset ReceivedAt,
    EventStatus Status,
    string? Error,
    DateTimeOffset? FailedAt)
{
    public EventKey Key => new(Source, DedupeKey);
}
