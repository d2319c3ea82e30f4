using Confluent.Kafka;
using Switchboard.Testing;

namespace Switchboard.EventLog.Tests;

/// <summary>
/// The contract on the Kafka engine, against librdkafka's mock cluster (no broker runs here), with the
/// handled events on SQLite; then what only Kafka has: positions that name a partition and an offset, and
/// faults injected into the brokers. Each test has a topic and consumer groups of its own; the fault tests
/// have a cluster of their own, since their faults hit every client of a cluster.
/// </summary>
public sealed class EventLogOnKafkaTests(KafkaMockCluster cluster) : EventLogContract, IDisposable
{
    private const long PartitionSpan = 1_000_000_000_000_000;
    private const int Partitions = 3;
    private readonly string _directory = Directory.CreateTempSubdirectory("switchboard-kafka-").FullName;

    protected override bool RefusesRepeatsWhenAppending => false;

    [Fact(Timeout = Timeout)]
    public async Task APositionNamesThePartitionAndTheOffset()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var rig = await EventLogRig.StartAsync(await CreateLogAsync(), cancellationToken);

        foreach (var key in new[] { "p-1", "p-2", "p-3" })
        {
            await rig.Log.AppendAsync(EventLogRig.Event(key, orderingKey: "one-partition"), cancellationToken);
        }

        await rig.HandledWhenAsync(3, cancellationToken);
        var positions = (await rig.HandledAtAsync(cancellationToken)).Select(e => e.Position).ToList();
        var partition = (positions[0] / PartitionSpan) - 1;
        Assert.InRange(partition, 0, Partitions - 1);
        Assert.Equal([(partition + 1) * PartitionSpan, ((partition + 1) * PartitionSpan) + 1, ((partition + 1) * PartitionSpan) + 2], positions);
    }

    [Fact(Timeout = Timeout)]
    public async Task AWebhookBodyAsLargeAsIngressAcceptsIsAppended()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var rig = await EventLogRig.StartAsync(await CreateLogAsync(), cancellationToken);

        await rig.Log.AppendAsync(EventLogRig.Event("large", body: new byte[2 * 1024 * 1024]), cancellationToken);

        Assert.Equal(["large"], await rig.HandledWhenAsync(1, cancellationToken));
    }

    /// <summary>
    /// Brokers that answer produce requests with retriable errors or drop the connection, then a partition
    /// leader that moves: the idempotent producer retries without writing an event twice, and nothing is lost.
    /// </summary>
    [Fact(Timeout = Timeout)]
    public async Task ProduceErrorsAndAMovedLeaderLoseNothingAndDoubleNothing()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var faulty = new KafkaMockCluster();
        var topic = faulty.CreateTopic("faults", Partitions);
        await using var rig = await EventLogRig.StartAsync(Setup(faulty, topic), cancellationToken);

        faulty.FailNextProduceRequests(
            ErrorCode.NotEnoughReplicas, ErrorCode.RequestTimedOut, ErrorCode.Local_Transport, ErrorCode.NotEnoughReplicas, ErrorCode.RequestTimedOut);
        var keys = Enumerable.Range(0, 30).Select(i => $"fault-{i:D2}").ToList();
        await Task.WhenAll(keys.Take(15).Select(key => rig.Log.AppendAsync(EventLogRig.Event(key), cancellationToken)));
        foreach (var partition in Enumerable.Range(0, Partitions))
        {
            faulty.MoveLeader(topic, partition, broker: (partition % KafkaMockCluster.Brokers) + 1);
        }

        await Task.WhenAll(keys.Skip(15).Select(key => rig.Log.AppendAsync(EventLogRig.Event(key), cancellationToken)));

        var handled = await rig.HandledWhenAsync(keys.Count, cancellationToken);
        Assert.Equal(keys, handled.Order(StringComparer.Ordinal));
        Assert.Equal(keys.Count, RecordsIn(faulty, topic));
    }

    [Fact(Timeout = Timeout)]
    public async Task AnAppendNoBrokerAcknowledgesFailsAsUnavailableAndTheLogRecovers()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var faulty = new KafkaMockCluster();
        var topic = faulty.CreateTopic("down", Partitions);
        var settings = new Dictionary<string, string>(Setup(faulty, topic).Settings) { ["EventLog:Kafka:Settings:message.timeout.ms"] = "1500" };
        await using var rig = await EventLogRig.StartAsync(Setup(faulty, topic) with { Settings = settings }, cancellationToken);

        faulty.TakeBrokersDown();
        var refused = await Assert.ThrowsAsync<EventLogUnavailableException>(() => rig.Log.AppendAsync(EventLogRig.Event("while-down"), cancellationToken));
        faulty.BringBrokersUp();
        await rig.Log.AppendAsync(EventLogRig.Event("after-recovery"), cancellationToken);

        Assert.Contains("Kafka did not acknowledge the event", refused.Message, StringComparison.Ordinal);
        Assert.Equal(["after-recovery"], await rig.HandledWhenAsync(1, cancellationToken));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    protected override Task<EventLogSetup> CreateLogAsync() => Task.FromResult(Setup(cluster, cluster.CreateTopic("contract", Partitions)));

    private EventLogSetup Setup(KafkaMockCluster on, string topic) => new(
        "Sqlite", $"Data Source={Path.Combine(_directory, $"{Guid.NewGuid():N}.db")};Pooling=True;Default Timeout=30", on.EngineSettings(topic));

    private static long RecordsIn(KafkaMockCluster on, string topic)
    {
        using var reader = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = on.BootstrapServers, GroupId = topic + "-count" }).Build();
        return Enumerable.Range(0, Partitions).Sum(p => reader.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(5)).High.Value);
    }
}
