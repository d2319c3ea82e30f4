using System.ComponentModel.DataAnnotations;

namespace Switchboard.EventLog.Kafka;

/// <summary>Bound from <c>EventLog:Kafka</c>, used when <c>EventLog:Engine</c> is <c>Kafka</c>.</summary>
public sealed class KafkaEventLogOptions
{
    public const string SectionName = "EventLog:Kafka";

    /// <summary>The brokers to start from, <c>host:port</c> separated by commas.</summary>
    [Required]
    public string BootstrapServers { get; set; } = "";

    [Required]
    public string Topic { get; set; } = "switchboard-events";

    /// <summary>Each consumer is the group named by this prefix and the consumer's name (<c>switchboard-notify</c>).</summary>
    public string ConsumerGroupPrefix { get; set; } = "switchboard-";

    /// <summary>Create the topic at start when it is missing; turn off where the brokers refuse the admin API to Switchboard.</summary>
    public bool CreateTopic { get; set; } = true;

    /// <summary>Partitions of a topic Switchboard creates: at most this many processes share the work of one consumer.</summary>
    [Range(1, KafkaPositions.MaxPartitions)]
    public int Partitions { get; set; } = 6;

    /// <summary>Replicas of a topic Switchboard creates; -1 takes the brokers' default.</summary>
    public short ReplicationFactor { get; set; } = -1;

    /// <summary>
    /// Further librdkafka properties for every client (security, timeouts), e.g.
    /// <c>EventLog:Kafka:Settings:security.protocol</c>. They cannot weaken acks, idempotence or manual commits.
    /// </summary>
    public Dictionary<string, string> Settings { get; set; } = [];
}
