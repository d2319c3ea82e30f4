using Microsoft.Extensions.Logging;

namespace Switchboard.EventLog;

internal static partial class EventLogLog
{
    [LoggerMessage(EventId = 7000, Level = LogLevel.Error, Message = "Appending {Count} events failed; their senders were answered with an error")]
    public static partial void AppendBatchFailed(this ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Consumer {Consumer} failed on event {Position} (attempt {Attempt})")]
    public static partial void HandlerFailed(this ILogger logger, Exception exception, string consumer, long position, int attempt);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Information, Message = "Consumer {Consumer} failed on the page of events {First} to {Last}; it handles them one at a time")]
    public static partial void PageFailed(this ILogger logger, Exception exception, string consumer, long first, long last);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "Consumer {Consumer} could not read the log; it tries again shortly")]
    public static partial void ConsumerRoundFailed(this ILogger logger, Exception exception, string consumer);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Warning, Message = "Copying SQLite's write-ahead log into the database failed; it is tried again at the next append")]
    public static partial void CheckpointFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Critical, Message = "Syncing the event log's write-ahead log {Path} failed; appends are refused until Switchboard restarts")]
    public static partial void WalSyncFailed(this ILogger logger, Exception exception, string path);

    [LoggerMessage(EventId = 7007, Level = LogLevel.Warning, Message = "Appending through the event log's held connection failed; trying once more on a new one")]
    public static partial void AppendRetriedOnNewConnection(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7008, Level = LogLevel.Warning, Message = "Reading the event log's keys at start failed; the first append reads them again")]
    public static partial void ReadingLoggedKeysFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7009, Level = LogLevel.Information, Message = "Dropped {Count} events older than {Days} days from the event log in {Seconds:F1} s")]
    public static partial void EventsPruned(this ILogger logger, int count, int days, double seconds);

    [LoggerMessage(EventId = 7010, Level = LogLevel.Warning, Message = "Dropping old events from the event log failed; it is tried again in an hour")]
    public static partial void PruningFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Error, Message = "Consumer {Consumer} dead-lettered event {Position} after {Attempts} attempts")]
    public static partial void DeadLettered(this ILogger logger, string consumer, long position, int attempts);
}
