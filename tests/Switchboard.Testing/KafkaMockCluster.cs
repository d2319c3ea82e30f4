using System.Reflection;
using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace Switchboard.Testing;

/// <summary>
/// librdkafka's mock Kafka cluster, three brokers on loopback ports, in this process: clients in this
/// process and in others reach it at <see cref="BootstrapServers"/>. It speaks the Kafka protocol
/// (produce with acks and idempotence, consumer groups, commits, rebalances) and takes faults on
/// request, but it is not a broker: it keeps data in memory, trims each partition to 5 MiB and cannot
/// create topics through the admin API, so tests create theirs with <see cref="CreateTopic"/>. Its API
/// is experimental, which is why Confluent.Kafka and librdkafka are pinned to one version.
/// </summary>
public sealed partial class KafkaMockCluster : IDisposable
{
    public const int Brokers = 3;
    private const string Library = "librdkafka";

    private readonly nint _owner;
    private readonly nint _cluster;

    static KafkaMockCluster() => NativeLibrary.SetDllImportResolver(typeof(KafkaMockCluster).Assembly, LoadLibrdkafka);

    public KafkaMockCluster()
    {
        var error = new byte[512];
        var conf = rd_kafka_conf_new();
        // The owner only hosts the cluster and connects nowhere: its warning about that is noise.
        rd_kafka_conf_set(conf, "log_level", "0", error, (nuint)error.Length);
        _owner = rd_kafka_new(0, conf, error, (nuint)error.Length);
        if (_owner == 0)
        {
            throw new InvalidOperationException("librdkafka refused to make the mock cluster's owner: " + System.Text.Encoding.UTF8.GetString(error).TrimEnd('\0'));
        }

        _cluster = rd_kafka_mock_cluster_new(_owner, Brokers);
        // Groups form at once instead of after 3 s, which also lets tests use a 2 s session timeout.
        rd_kafka_mock_group_initial_rebalance_delay_ms(_cluster, 0);
        // Without a controller, DescribeTopics (how the engine finds its topic) waits and fails.
        Check(rd_kafka_mock_set_controller_id(_cluster, 1), "elect a controller");
        BootstrapServers = Marshal.PtrToStringUTF8(rd_kafka_mock_cluster_bootstraps(_cluster))!;
    }

    public string BootstrapServers { get; }

    /// <summary>A new topic, replicated to every broker, with a name no other test uses.</summary>
    public string CreateTopic(string prefix, int partitions)
    {
        var topic = $"{prefix}-{Guid.NewGuid():N}";
        Check(rd_kafka_mock_topic_create(_cluster, topic, partitions, Brokers), "create topic " + topic);
        return topic;
    }

    /// <summary>
    /// The configuration that points Switchboard's Kafka engine at this cluster and topic, with its own
    /// consumer groups, and a 2 s session timeout so that a member that dies is replaced quickly (a
    /// real broker refuses less than 6 s; this is a test setting).
    /// </summary>
    public IReadOnlyDictionary<string, string> EngineSettings(string topic) => new Dictionary<string, string>
    {
        ["EventLog:Engine"] = "Kafka",
        ["EventLog:Kafka:BootstrapServers"] = BootstrapServers,
        ["EventLog:Kafka:Topic"] = topic,
        ["EventLog:Kafka:ConsumerGroupPrefix"] = topic + "-",
        ["EventLog:Kafka:Settings:session.timeout.ms"] = "2000",
        ["EventLog:Kafka:Settings:heartbeat.interval.ms"] = "300",
    };

    /// <summary>Disconnects every broker and refuses new connections until <see cref="BringBrokersUp"/>.</summary>
    public void TakeBrokersDown() => Check(rd_kafka_mock_broker_set_down(_cluster, -1), "take the brokers down");

    public void BringBrokersUp() => Check(rd_kafka_mock_broker_set_up(_cluster, -1), "bring the brokers up");

    /// <summary>The next produce requests, whichever broker gets them, fail with these errors, one each.</summary>
    public void FailNextProduceRequests(params ErrorCode[] errors)
    {
        const short produce = 0;
        rd_kafka_mock_push_request_errors_array(_cluster, produce, (nuint)errors.Length, [.. errors.Select(e => (int)e)]);
    }

    public void MoveLeader(string topic, int partition, int broker) =>
        Check(rd_kafka_mock_partition_set_leader(_cluster, topic, partition, broker), $"move {topic}[{partition}] to broker {broker}");

    public void Dispose()
    {
        rd_kafka_mock_cluster_destroy(_cluster);
        rd_kafka_destroy(_owner);
    }

    private static void Check(int error, string what)
    {
        if (error != 0)
        {
            throw new InvalidOperationException($"The mock cluster could not {what}: {(ErrorCode)error}");
        }
    }

    /// <summary>
    /// The redist package's plain <c>librdkafka.so</c> needs libsasl2, which Debian lacks; Confluent.Kafka
    /// falls back to the CentOS 8 build quietly, and the mock's functions must come from the same file.
    /// </summary>
    private static nint LoadLibrdkafka(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != Library)
        {
            return 0;
        }

        var folder = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native");
        foreach (var file in new[] { "librdkafka.so", "centos8-librdkafka.so", "alpine-librdkafka.so" })
        {
            if (NativeLibrary.TryLoad(Path.Combine(folder, file), out var handle))
            {
                return handle;
            }
        }

        return 0;
    }

    [LibraryImport(Library)]
    private static partial nint rd_kafka_conf_new();

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int rd_kafka_conf_set(nint conf, string name, string value, [Out] byte[] error, nuint errorSize);

    [LibraryImport(Library)]
    private static partial nint rd_kafka_new(int type, nint conf, [Out] byte[] error, nuint errorSize);

    [LibraryImport(Library)]
    private static partial void rd_kafka_destroy(nint rk);

    [LibraryImport(Library)]
    private static partial nint rd_kafka_mock_cluster_new(nint rk, int brokers);

    [LibraryImport(Library)]
    private static partial void rd_kafka_mock_cluster_destroy(nint cluster);

    [LibraryImport(Library)]
    private static partial nint rd_kafka_mock_cluster_bootstraps(nint cluster);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int rd_kafka_mock_topic_create(nint cluster, string topic, int partitions, int replicationFactor);

    [LibraryImport(Library)]
    private static partial void rd_kafka_mock_group_initial_rebalance_delay_ms(nint cluster, int milliseconds);

    [LibraryImport(Library)]
    private static partial int rd_kafka_mock_set_controller_id(nint cluster, int broker);

    [LibraryImport(Library)]
    private static partial int rd_kafka_mock_broker_set_down(nint cluster, int broker);

    [LibraryImport(Library)]
    private static partial int rd_kafka_mock_broker_set_up(nint cluster, int broker);

    [LibraryImport(Library)]
    private static partial void rd_kafka_mock_push_request_errors_array(nint cluster, short apiKey, nuint count, int[] errors);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int rd_kafka_mock_partition_set_leader(nint cluster, string topic, int partition, int broker);
}
