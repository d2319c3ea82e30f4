using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Switchboard.EventLog.Kafka;

internal static partial class KafkaLog
{
    [LoggerMessage(EventId = 7100, Message = "Kafka client {ClientName} {Facility}: {Detail}")]
    public static partial void ClientLogged(this ILogger logger, LogLevel level, string clientName, string facility, string detail);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "Kafka client error {ErrorCode}: {Detail}")]
    public static partial void ClientError(this ILogger logger, ErrorCode errorCode, string detail);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Error, Message = "Kafka client failed for good with {ErrorCode}: {Detail}")]
    public static partial void ClientFailed(this ILogger logger, ErrorCode errorCode, string detail);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Information, Message = "Consumer {Consumer} was assigned partitions {Partitions}")]
    public static partial void PartitionsAssigned(this ILogger logger, string consumer, IEnumerable<TopicPartition> partitions);

    [LoggerMessage(EventId = 7104, Level = LogLevel.Information, Message = "Consumer {Consumer} gave up partitions {Partitions}")]
    public static partial void PartitionsRevoked(this ILogger logger, string consumer, IEnumerable<TopicPartitionOffset> partitions);

    [LoggerMessage(EventId = 7105, Level = LogLevel.Warning, Message = "Consumer {Consumer} lost partitions {Partitions}; another member handles their uncommitted events again")]
    public static partial void PartitionsLost(this ILogger logger, string consumer, IEnumerable<TopicPartitionOffset> partitions);

    [LoggerMessage(EventId = 7106, Level = LogLevel.Debug, Message = "Consumer {Consumer} could not commit its offsets ({ErrorCode}); the events after the last commit come again and are skipped")]
    public static partial void CommitFailed(this ILogger logger, string consumer, ErrorCode errorCode);

    [LoggerMessage(EventId = 7107, Level = LogLevel.Warning, Message = "Consumer {Consumer} could not handle the event at {Position}; it tries again shortly")]
    public static partial void HandlingFailed(this ILogger logger, Exception exception, string consumer, long position);

    [LoggerMessage(EventId = 7108, Level = LogLevel.Warning, Message = "Consumer {Consumer} could not read the topic ({ErrorCode}); it tries again shortly")]
    public static partial void ConsumeFailed(this ILogger logger, string consumer, ErrorCode errorCode);

    [LoggerMessage(EventId = 7109, Level = LogLevel.Error, Message = "Consumer {Consumer} skipped the record at {Position}: it lacks Switchboard's headers, so something else wrote it to the topic")]
    public static partial void ForeignRecordSkipped(this ILogger logger, string consumer, long position);

    [LoggerMessage(EventId = 7110, Level = LogLevel.Information, Message = "Created topic {Topic} with {Partitions} partitions")]
    public static partial void TopicCreated(this ILogger logger, string topic, int partitions);
}
