using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Switchboard.EventLog.Kafka;

/// <summary>
/// Appends to the topic with an idempotent producer and <c>acks=all</c>: an append returns once every
/// in-sync replica has the event. Kafka cannot look up a dedupe key while appending, so a repeat is
/// appended again and its consumers drop it where they record what they handled.
/// </summary>
internal sealed class KafkaEventLog : IEventLog, IDisposable
{
    private static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(10);

    private readonly IProducer<string, byte[]> _producer;
    private readonly string _topic;
    private readonly IngressPressure _pressure;

    public KafkaEventLog(IOptions<KafkaEventLogOptions> options, IngressPressure pressure, ILogger<KafkaEventLog> logger)
    {
        _pressure = pressure;
        _topic = options.Value.Topic;
        _producer = new ProducerBuilder<string, byte[]>(KafkaClients.Producer(options.Value))
            .SetLogHandler((_, message) => KafkaClients.Log(logger, message))
            .SetErrorHandler((_, error) => KafkaClients.Report(logger, error))
            .Build();
    }

    public async Task<AppendOutcome> AppendAsync(IncomingEvent incoming, CancellationToken cancellationToken)
    {
        try
        {
            using var waiting = _pressure.Appending();
            await _producer.ProduceAsync(_topic, KafkaEnvelope.ToMessage(incoming), cancellationToken);
            return AppendOutcome.Appended;
        }
        catch (ProduceException<string, byte[]> exception)
        {
            throw new EventLogUnavailableException($"Kafka did not acknowledge the event: {exception.Error.Reason}", exception);
        }
    }

    public void Dispose()
    {
        _producer.Flush(FlushTimeout);
        _producer.Dispose();
    }
}
