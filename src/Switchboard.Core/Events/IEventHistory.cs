using Switchboard.Core.Errors;

namespace Switchboard.Core.Events;

/// <summary>
/// The events Switchboard received, as operators look at them: what came in, whether it was handled, and
/// where its notification went. Implemented by Notify, whose router handles them; the console reads it.
/// </summary>
public interface IEventHistory
{
    /// <returns>The matching events, newest first; or why the filter cannot be used (an unknown service, a bad limit).</returns>
    Task<(IReadOnlyList<EventSummary>? Events, Error? Error)> RecentAsync(EventFilter filter, CancellationToken cancellationToken);

    /// <param name="id">The event's position in the log, as <see cref="EventSummary.Id"/> shows it.</param>
    /// <returns>The event, or a not-found error.</returns>
    Task<(EventDetails? Event, Error? Error)> FindAsync(long id, CancellationToken cancellationToken);
}

/// <param name="Source">Only this source's events (<c>github</c>, <c>pagerduty</c>, a custom source's name); null for every source.</param>
/// <param name="Service">Only the events of this service in the catalog; null for every event.</param>
/// <param name="Since">How far back from now.</param>
/// <param name="Limit">At most this many, 1 to <see cref="MaxLimit"/>.</param>
public sealed record EventFilter(string? Source, string? Service, TimeSpan Since, int Limit)
{
    public const int MaxLimit = 200;
}

/// <param name="Id">Its position in the log; null until the log has given it one, moments after it arrived.</param>
/// <param name="Scope">What it is about, as far as is known before reading it all: a repository, a vendor's service or project id.</param>
/// <param name="Service">The service in the catalog it belongs to, if any.</param>
/// <param name="Error">Why handling it failed, for a dead-lettered event.</param>
public sealed record EventSummary(
    long? Id,
    DateTimeOffset ReceivedAt,
    string Source,
    string Type,
    string DedupeKey,
    string? Scope,
    string? Service,
    EventStatus Status,
    string? Error);

/// <summary>How far the handling of an event has got.</summary>
public enum EventStatus
{
    /// <summary>Not handled yet: the consumer has not reached it.</summary>
    Waiting,

    Handled,

    /// <summary>Handling failed after its retries; the error is kept and the consumer went on.</summary>
    DeadLettered,
}

/// <param name="OrderingKey">Events with one ordering key are handled in the order they arrived.</param>
/// <param name="Headers">The request headers kept with the event; signatures and tokens never are.</param>
/// <param name="Body">The body as text: JSON indented for reading, anything else as received.</param>
/// <param name="BodyBytes">The body's size as received.</param>
/// <param name="Verification">How the request proved that it came from its source.</param>
/// <param name="FailedAt">When it was dead-lettered, if it was.</param>
/// <param name="Posts">The channels its notification went to, oldest first.</param>
public sealed record EventDetails(
    EventSummary Summary,
    string? OrderingKey,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    int BodyBytes,
    string Verification,
    DateTimeOffset? FailedAt,
    IReadOnlyList<EventPost> Posts);

/// <param name="Channel">Its name, without <c>#</c>.</param>
/// <param name="ReplayedBy">The handle of whoever replayed it there; null when the router posted it as the event arrived.</param>
public sealed record EventPost(string Channel, DateTimeOffset PostedAt, string? ReplayedBy);
