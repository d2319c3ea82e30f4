using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Switchboard.EventLog.Kafka;

/// <summary>
/// The configuration of every Kafka client Switchboard makes: our defaults, then the operator's
/// <see cref="KafkaEventLogOptions.Settings"/>, then what the log's promises rest on, which no setting changes.
/// </summary>
internal static class KafkaClients
{
    /// <summary>Larger than the largest webhook body ingress accepts by default (2 MiB), before compression.</summary>
    public const int MaxEventBytes = 4 * 1024 * 1024;

    public static ProducerConfig Producer(KafkaEventLogOptions options)
    {
        var config = new ProducerConfig
        {
            BootstrapServers = options.BootstrapServers,
            ClientId = "switchboard",
            // A webhook sender waits about 10 s for an answer; an append that cannot be acknowledged by then fails, and the sender retries.
            MessageTimeoutMs = 8_000,
            LingerMs = 2,
            CompressionType = CompressionType.Lz4,
            MessageMaxBytes = MaxEventBytes,
        };
        Apply(config, options);
        // Durable before acknowledged: every in-sync replica has the event, written once even when the producer retries.
        config.Acks = Acks.All;
        config.EnableIdempotence = true;
        return config;
    }

    public static ConsumerConfig Consumer(KafkaEventLogOptions options, string consumer)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = options.BootstrapServers,
            ClientId = "switchboard-" + consumer,
            // A new consumer reads the whole log, as on the embedded engine.
            AutoOffsetReset = AutoOffsetReset.Earliest,
        };
        Apply(config, options);
        config.GroupId = options.ConsumerGroupPrefix + consumer;
        // Offsets are committed only for events whose effects have committed (at least once).
        config.EnableAutoCommit = false;
        config.EnableAutoOffsetStore = false;
        config.PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky;
        return config;
    }

    public static AdminClientConfig Admin(KafkaEventLogOptions options)
    {
        var config = new AdminClientConfig { BootstrapServers = options.BootstrapServers, ClientId = "switchboard-admin" };
        Apply(config, options);
        return config;
    }

    /// <summary>librdkafka's own log, in ours: what it calls errors are mostly brokers it will reconnect to.</summary>
    public static void Log(ILogger logger, LogMessage message) =>
        logger.ClientLogged(
            message.Level switch
            {
                SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical or SyslogLevel.Error or SyslogLevel.Warning => LogLevel.Warning,
                SyslogLevel.Notice => LogLevel.Information,
                SyslogLevel.Info or SyslogLevel.Debug => LogLevel.Debug,
            },
            message.Name,
            message.Facility,
            message.Message);

    public static void Report(ILogger logger, Error error)
    {
        if (error.IsFatal)
        {
            logger.ClientFailed(error.Code, error.Reason);
        }
        else
        {
            logger.ClientError(error.Code, error.Reason);
        }
    }

    private static void Apply(ClientConfig config, KafkaEventLogOptions options)
    {
        foreach (var (name, value) in options.Settings)
        {
            config.Set(name, value);
        }
    }
}
