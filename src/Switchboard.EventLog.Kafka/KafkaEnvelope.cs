using System.Globalization;
using System.Text;
using Confluent.Kafka;

namespace Switchboard.EventLog.Kafka;

/// <summary>
/// An event as a Kafka record: keyed by its ordering key (else its dedupe key), so events about one
/// repository or service share a partition and keep their order; the value is the raw body; everything
/// else travels in headers, the kept request headers under <c>http-</c>.
/// </summary>
internal static class KafkaEnvelope
{
    private const string SourceHeader = "switchboard-source";
    private const string DedupeKeyHeader = "switchboard-dedupe-key";
    private const string TypeHeader = "switchboard-type";
    private const string OrderingKeyHeader = "switchboard-ordering-key";
    private const string ReceivedAtHeader = "switchboard-received-at";
    private const string HttpHeaderPrefix = "http-";

    public static Message<string, byte[]> ToMessage(IncomingEvent incoming)
    {
        var headers = new Headers
        {
            { SourceHeader, Encoding.UTF8.GetBytes(incoming.Source) },
            { DedupeKeyHeader, Encoding.UTF8.GetBytes(incoming.DedupeKey) },
            { TypeHeader, Encoding.UTF8.GetBytes(incoming.Type) },
            { ReceivedAtHeader, Encoding.UTF8.GetBytes(incoming.ReceivedAt.ToString("O", CultureInfo.InvariantCulture)) },
        };
        if (incoming.OrderingKey is { } orderingKey)
        {
            headers.Add(OrderingKeyHeader, Encoding.UTF8.GetBytes(orderingKey));
        }

        foreach (var (name, value) in incoming.Headers)
        {
            headers.Add(HttpHeaderPrefix + name, Encoding.UTF8.GetBytes(value));
        }

        return new Message<string, byte[]>
        {
            Key = incoming.OrderingKey ?? incoming.DedupeKey,
            Value = incoming.Body,
            Timestamp = new Timestamp(incoming.ReceivedAt),
            Headers = headers,
        };
    }

    /// <returns>Null for a record that Switchboard did not append (it lacks the envelope's headers).</returns>
    public static LoggedEvent? ToLoggedEvent(ConsumeResult<Ignore, byte[]> record)
    {
        var headers = record.Message.Headers ?? [];
        string? Text(string name) => headers.TryGetLastBytes(name, out var value) ? Encoding.UTF8.GetString(value) : null;

        if (Text(SourceHeader) is not { } source || Text(DedupeKeyHeader) is not { } dedupeKey
            || Text(TypeHeader) is not { } type || Text(ReceivedAtHeader) is not { } receivedAt)
        {
            return null;
        }

        var kept = headers
            .Where(h => h.Key.StartsWith(HttpHeaderPrefix, StringComparison.Ordinal))
            .ToDictionary(h => h.Key[HttpHeaderPrefix.Length..], h => Encoding.UTF8.GetString(h.GetValueBytes()), StringComparer.OrdinalIgnoreCase);
        return new LoggedEvent(
            KafkaPositions.Of(record.Partition, record.Offset),
            source,
            dedupeKey,
            type,
            Text(OrderingKeyHeader),
            kept,
            record.Message.Value ?? [],
            DateTimeOffset.Parse(receivedAt, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
    }
}
