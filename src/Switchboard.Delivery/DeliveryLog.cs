using Microsoft.Extensions.Logging;

namespace Switchboard.Delivery;

internal static partial class DeliveryLog
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Warning, Message = "Delivery {DeliveryId} to #{Channel} through {Adapter} failed (attempt {Attempt}): {Reason}; next attempt at {NextAttemptAt}")]
    public static partial void DeliveryDeferred(this ILogger logger, long deliveryId, string channel, string adapter, int attempt, string reason, DateTimeOffset nextAttemptAt);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Error, Message = "Delivery {DeliveryId} to #{Channel} through {Adapter} dead-lettered after {Attempts} attempts: {Reason}")]
    public static partial void DeliveryDeadLettered(this ILogger logger, long deliveryId, string channel, string adapter, int attempts, string reason);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "The outbox could not be read; it looks again shortly")]
    public static partial void OutboxUnreadable(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Delivering #{Channel} through {Adapter} failed; it is tried again shortly")]
    public static partial void StreamFailed(this ILogger logger, Exception exception, string channel, string adapter);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Another process delivered #{Channel} through {Adapter} at the same time; this round was rolled back")]
    public static partial void Overtaken(this ILogger logger, string channel, string adapter);
}
