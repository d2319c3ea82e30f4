namespace Switchboard.EventLog;

/// <summary>
/// The one durable entry point for events from the outside world. An append that returns has been
/// made durable, so the caller may acknowledge the event; one that cannot be made durable throws
/// <see cref="EventLogUnavailableException"/> or, for a broken database, the database's exception.
/// The embedded engine appends an event once per dedupe key; Kafka cannot refuse a repeat when it
/// appends, so there consumers drop it instead, where they record what they handled.
/// </summary>
public interface IEventLog
{
    Task<AppendOutcome> AppendAsync(IncomingEvent incoming, CancellationToken cancellationToken);
}

/// <summary>
/// Which events the log holds, by dedupe key: how a reconciler tells what a vendor failed to deliver, and
/// asks for it again. On the embedded engine an event counts from the moment its append returned; on Kafka
/// once the archive consumer has copied it, moments later.
/// </summary>
public interface IEventLogKeys
{
    /// <returns>Those of <paramref name="dedupeKeys"/> that the log holds for <paramref name="source"/>.</returns>
    Task<IReadOnlySet<string>> FindAsync(string source, IReadOnlyCollection<string> dedupeKeys, CancellationToken cancellationToken);
}

/// <summary>
/// The engine did not confirm the append (Kafka unreachable, or no acknowledgement in time), so the event
/// must not be acknowledged to its sender: it may not have been kept.
/// </summary>
public sealed class EventLogUnavailableException(string message, Exception innerException) : Exception(message, innerException);

/// <param name="Source">Where it came from: <c>github</c>, <c>pagerduty</c>, a custom source's name.</param>
/// <param name="DedupeKey">The same for every delivery of one event.</param>
/// <param name="OrderingKey">Events with one key are handled in the order they were appended.</param>
/// <param name="Headers">The request headers a handler needs, and only those.</param>
/// <param name="Body">The raw body, exactly as received: handlers parse it, the log never does.</param>
public sealed record IncomingEvent(
    string Source,
    string DedupeKey,
    string Type,
    string? OrderingKey,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body,
    DateTimeOffset ReceivedAt);

/// <summary>The longest keys the log stores; ingress refuses longer ones rather than fail the append.</summary>
public static class EventLimits
{
    public const int DedupeKey = 200;
    public const int Type = 100;
    public const int OrderingKey = 200;
}

public enum AppendOutcome
{
    Appended,

    /// <summary>An event with this dedupe key was appended before; nothing was written. Only engines that can check say so.</summary>
    Duplicate,
}

/// <param name="Position">
/// Its place in the log, in the order consumers see it; increases, gaps allowed. Embedded: one sequence
/// for the whole log. Kafka: increases within a partition, and names it: (partition + 1) × 10^15 + offset.
/// </param>
public sealed record LoggedEvent(
    long Position,
    string Source,
    string DedupeKey,
    string Type,
    string? OrderingKey,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body,
    DateTimeOffset ReceivedAt);

/// <summary>
/// Does something with each event a consumer reads (posts a notification, records a timeline entry).
/// It writes its effects through the scope's database context without committing: the consumer commits
/// them together with its record of having handled the event, so an event's effects happen once, even
/// across a crash or a redelivery.
/// </summary>
public interface IEventHandler
{
    Task HandleAsync(LoggedEvent logged, CancellationToken cancellationToken);
}

/// <summary>
/// A handler that looks up at once what a page of events needs, before it is handed them one by one in the same
/// scope and transaction: one query for the page instead of one per event.
/// </summary>
public interface IPageEventHandler : IEventHandler
{
    /// <param name="page">The events about to be handed, in order; some may be skipped as already handled.</param>
    Task BeforePageAsync(IReadOnlyList<LoggedEvent> page, CancellationToken cancellationToken);
}
