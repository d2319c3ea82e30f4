using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Switchboard.EventLog.Kafka;

/// <summary>
/// Creates the topic at start when it is missing (<see cref="KafkaEventLogOptions.CreateTopic"/>), before
/// any consumer subscribes to it. librdkafka's mock cluster, which the tests run on, cannot create topics
/// this way: tests create theirs on the mock and this only finds them.
/// </summary>
internal sealed class KafkaTopicSetup(IOptions<KafkaEventLogOptions> options, ILogger<KafkaTopicSetup> logger) : IHostedService
{
    private static readonly TimeSpan AdminTimeout = TimeSpan.FromSeconds(15);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var kafka = options.Value;
        if (!kafka.CreateTopic)
        {
            return;
        }

        using var admin = new AdminClientBuilder(KafkaClients.Admin(kafka))
            .SetLogHandler((_, message) => KafkaClients.Log(logger, message))
            .SetErrorHandler((_, error) => KafkaClients.Report(logger, error))
            .Build();
        try
        {
            await admin.DescribeTopicsAsync(TopicCollection.OfTopicNames([kafka.Topic]), new DescribeTopicsOptions { RequestTimeout = AdminTimeout });
            return;
        }
        catch (DescribeTopicsException missing) when (missing.Results.TopicDescriptions.All(t => t.Error.Code == ErrorCode.UnknownTopicOrPart))
        {
            // Created below.
        }

        try
        {
            await admin.CreateTopicsAsync(
                [new TopicSpecification
                {
                    Name = kafka.Topic,
                    NumPartitions = kafka.Partitions,
                    ReplicationFactor = kafka.ReplicationFactor,
                    Configs = new Dictionary<string, string> { ["max.message.bytes"] = KafkaClients.MaxEventBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                }],
                new CreateTopicsOptions { RequestTimeout = AdminTimeout });
            logger.TopicCreated(kafka.Topic, kafka.Partitions);
        }
        catch (CreateTopicsException raced) when (raced.Results.All(r => r.Error.Code == ErrorCode.TopicAlreadyExists))
        {
            // Another process created it first.
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
