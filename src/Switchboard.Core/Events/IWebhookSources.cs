using Switchboard.Core.Errors;

namespace Switchboard.Core.Events;

/// <summary>
/// The webhook sources this installation accepts (configured under <c>Hooks:&lt;source&gt;</c>) and
/// the check each request must pass before it is appended to the event log. Implemented by Notify.
/// </summary>
public interface IWebhookSources
{
    /// <returns>The largest body the source may send, or null when no source by that name is configured.</returns>
    long? MaxBodyBytes(string source);

    /// <summary>Checks a request to a configured source: its signature or token, and for signed timestamps, its age.</summary>
    WebhookVerdict Verify(string source, WebhookRequest request, DateTimeOffset now);

    /// <summary>Whether the log keeps this header with the event: what handlers read, never credentials.</summary>
    bool Keeps(string header);
}

/// <param name="Headers">The request's headers; names compare case-insensitively.</param>
/// <param name="UrlToken">The <c>token</c> query parameter, for vendors that cannot sign.</param>
/// <param name="BasicPassword">The password of an <c>Authorization: Basic</c> header, for vendors that cannot sign.</param>
public sealed record WebhookRequest(IReadOnlyDictionary<string, string> Headers, ReadOnlyMemory<byte> Body, string? UrlToken, string? BasicPassword);

/// <summary>Either a refusal, or the keys of an accepted event.</summary>
/// <param name="DedupeKey">The same for every delivery of one event: a redelivery is appended once.</param>
/// <param name="EventType">The vendor's name for the kind of event, e.g. <c>issues</c> or <c>incident.triggered</c>.</param>
/// <param name="OrderingKey">Events with one key keep their order (a repository, a service); null when order does not matter.</param>
public sealed record WebhookVerdict(Error? Refusal, string? DedupeKey, string? EventType, string? OrderingKey)
{
    public static WebhookVerdict Accept(string dedupeKey, string eventType, string? orderingKey) => new(null, dedupeKey, eventType, orderingKey);

    public static WebhookVerdict Refuse(Error refusal) => new(refusal, null, null, null);
}
