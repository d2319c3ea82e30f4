using Confluent.Kafka;

namespace Switchboard.EventLog.Tests;

/// <summary>
/// Creating the topic at start goes through the admin API, which librdkafka's mock cluster does not
/// serve, so this needs a real broker: it runs when <c>SWITCHBOARD_TEST_KAFKA</c> names one, and is
/// skipped otherwise (on the machines that build Switchboard, which have none).
/// </summary>
[Trait("Category", "RequiresRealKafka")]
public sealed class KafkaTopicCreationTests : IDisposable
{
    private const string BrokerVariable = "SWITCHBOARD_TEST_KAFKA";
    private readonly string _directory = Directory.CreateTempSubdirectory("switchboard-real-kafka-").FullName;

    public static bool HasRealKafka => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(BrokerVariable));

    [Fact(Timeout = 60_000, SkipUnless = nameof(HasRealKafka), Skip = "Needs a real Kafka broker in SWITCHBOARD_TEST_KAFKA: librdkafka's mock cluster cannot create topics")]
    public async Task AMissingTopicIsCreatedAtStartAndCarriesEvents()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var brokers = Environment.GetEnvironmentVariable(BrokerVariable)!;
        var topic = $"switchboard-created-{Guid.NewGuid():N}";
        var settings = new Dictionary<string, string>
        {
            ["EventLog:Engine"] = "Kafka",
            ["EventLog:Kafka:BootstrapServers"] = brokers,
            ["EventLog:Kafka:Topic"] = topic,
            ["EventLog:Kafka:ConsumerGroupPrefix"] = topic + "-",
            ["EventLog:Kafka:Partitions"] = "4",
        };
        await using var rig = await EventLogRig.StartAsync(
            new EventLogSetup("Sqlite", $"Data Source={Path.Combine(_directory, "events.db")};Pooling=True;Default Timeout=30", settings), cancellationToken);

        await rig.Log.AppendAsync(EventLogRig.Event("created"), cancellationToken);

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = brokers }).Build();
        var described = await admin.DescribeTopicsAsync(TopicCollection.OfTopicNames([topic]));
        Assert.Equal(4, described.TopicDescriptions.Single().Partitions.Count);
        Assert.Equal(["created"], await rig.HandledWhenAsync(1, cancellationToken));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
