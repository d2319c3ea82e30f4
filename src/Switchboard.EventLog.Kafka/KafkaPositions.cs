using Confluent.Kafka;

namespace Switchboard.EventLog.Kafka;

/// <summary>
/// A logged event's position on Kafka: (partition + 1) × 10^15 + offset. It increases within a partition,
/// is unique in the topic, reads as its partition and offset (1_000_000_000_000_042 is partition 0, offset
/// 42), and never collides with the embedded engine's positions in the same database.
/// </summary>
internal static class KafkaPositions
{
    public const int MaxPartitions = 9_000;
    private const long PartitionSpan = 1_000_000_000_000_000;

    public static long Of(Partition partition, Offset offset) => ((partition.Value + 1) * PartitionSpan) + offset.Value;
}
