using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.EventLog.Consuming;

namespace Switchboard.EventLog.Kafka;

/// <summary>
/// One consumer as a member of its own consumer group: the topic's partitions are shared among the
/// processes that run it, and each partition is read in order. An offset is committed only after the
/// event's effects have committed, and a commit that fails (during a rebalance, say) only means the
/// events after the last good one are delivered again: the handled-event marks make them no-ops.
/// </summary>
internal sealed class KafkaEventConsumer<THandler>(
    string name,
    WantedSources sources,
    EventHandling<THandler> handling,
    IOptions<KafkaEventLogOptions> kafka,
    IOptions<EventLogOptions> options,
    TimeProvider clock,
    ILogger<KafkaEventConsumer<THandler>> logger) : BackgroundService
    where THandler : class, IEventHandler
{
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan CommitInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    // The next offset to commit per partition, for events already handled. Only the consuming thread
    // touches it: librdkafka runs the rebalance handlers inside Consume, on that thread.
    private readonly Dictionary<TopicPartition, TopicPartitionOffset> _uncommitted = [];

    // Consume blocks, so the loop gets a thread of its own instead of holding one of the pool's.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.Consume
            ? Task.Factory.StartNew(() => Run(stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)
            : Task.CompletedTask;

    private void Run(CancellationToken stoppingToken)
    {
        using var consumer = new ConsumerBuilder<Ignore, byte[]>(KafkaClients.Consumer(kafka.Value, name))
            .SetLogHandler((_, message) => KafkaClients.Log(logger, message))
            .SetErrorHandler((_, error) => KafkaClients.Report(logger, error))
            .SetPartitionsAssignedHandler((_, partitions) => logger.PartitionsAssigned(name, partitions))
            .SetPartitionsRevokedHandler((revoking, partitions) =>
            {
                logger.PartitionsRevoked(name, partitions);
                Commit(revoking, partitions.Select(p => p.TopicPartition));
            })
            .SetPartitionsLostHandler((_, partitions) =>
            {
                logger.PartitionsLost(name, partitions);
                foreach (var lost in partitions)
                {
                    _uncommitted.Remove(lost.TopicPartition);
                }
            })
            .Build();
        consumer.Subscribe(kafka.Value.Topic);
        var lastCommit = clock.GetTimestamp();
        while (!stoppingToken.IsCancellationRequested)
        {
            var record = Next(consumer, stoppingToken);
            if (record is not null && Handle(consumer, record, stoppingToken))
            {
                _uncommitted[record.TopicPartition] = new TopicPartitionOffset(record.TopicPartition, record.Offset + 1);
            }

            if (_uncommitted.Count > 0 && (record is null || clock.GetElapsedTime(lastCommit) >= CommitInterval))
            {
                Commit(consumer, [.. _uncommitted.Keys]);
                lastCommit = clock.GetTimestamp();
            }
        }

        Commit(consumer, [.. _uncommitted.Keys]);
        consumer.Close();
    }

    private ConsumeResult<Ignore, byte[]>? Next(IConsumer<Ignore, byte[]> consumer, CancellationToken stoppingToken)
    {
        try
        {
            return consumer.Consume(PollTimeout);
        }
        catch (ConsumeException exception)
        {
            logger.ConsumeFailed(name, exception.Error.Code);
            stoppingToken.WaitHandle.WaitOne(RetryDelay);
            return null;
        }
    }

    /// <returns>Whether the record is done with (handled, skipped or dead-lettered), so its offset may be committed.</returns>
    private bool Handle(IConsumer<Ignore, byte[]> consumer, ConsumeResult<Ignore, byte[]> record, CancellationToken stoppingToken)
    {
        if (KafkaEnvelope.ToLoggedEvent(record) is not { } logged)
        {
            logger.ForeignRecordSkipped(name, KafkaPositions.Of(record.Partition, record.Offset));
            return true;
        }

        if (!sources.Include(logged.Source))
        {
            return true;
        }

        try
        {
            // This thread is the consumer's own and has no synchronization context, so waiting here blocks nothing else.
            handling.HandleAsync(logged, stoppingToken).GetAwaiter().GetResult();
            return true;
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception exception)
        {
            // Not even a dead letter could be written (the database is away): read the event again shortly.
            logger.HandlingFailed(exception, name, logged.Position);
            consumer.Seek(record.TopicPartitionOffset);
            stoppingToken.WaitHandle.WaitOne(RetryDelay);
            return false;
        }
    }

    private void Commit(IConsumer<Ignore, byte[]> consumer, IEnumerable<TopicPartition> partitions)
    {
        var offsets = new List<TopicPartitionOffset>();
        foreach (var partition in partitions)
        {
            if (_uncommitted.Remove(partition, out var offset))
            {
                offsets.Add(offset);
            }
        }

        if (offsets.Count == 0)
        {
            return;
        }

        try
        {
            consumer.Commit(offsets);
        }
        catch (KafkaException exception)
        {
            logger.CommitFailed(name, exception.Error.Code);
        }
    }
}

internal sealed class KafkaConsumers(
    IServiceScopeFactory scopes,
    IOptions<KafkaEventLogOptions> kafka,
    IOptions<EventLogOptions> options,
    TimeProvider clock,
    EventLogTelemetry telemetry,
    ILoggerFactory loggers) : IEventConsumerFactory
{
    public IHostedService Create<THandler>(string name, WantedSources sources)
        where THandler : class, IEventHandler
    {
        var logger = loggers.CreateLogger<KafkaEventConsumer<THandler>>();
        return new KafkaEventConsumer<THandler>(
            name,
            sources,
            new EventHandling<THandler>(name, new HandledEventKeys(clock), scopes, clock, telemetry, logger),
            kafka,
            options,
            clock,
            logger);
    }
}
