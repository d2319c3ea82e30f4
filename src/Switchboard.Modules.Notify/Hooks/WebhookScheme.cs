using Switchboard.Core.Errors;

namespace Switchboard.Modules.Notify.Hooks;

/// <summary>
/// One vendor's way of proving that a webhook came from it. A scheme checks the request against every
/// configured secret (any one may match, so secrets rotate without downtime), in constant time, and
/// reads only what must be known before the event is appended: its dedupe key, type and ordering key.
/// </summary>
internal interface IWebhookScheme
{
    WebhookVerdict Verify(WebhookRequest request, IReadOnlyList<string> secrets, DateTimeOffset now);
}

/// <param name="Headers">The request's headers; names compare case-insensitively.</param>
/// <param name="UrlToken">The <c>token</c> query parameter, for vendors that cannot sign.</param>
/// <param name="BasicPassword">The password of an <c>Authorization: Basic</c> header, for vendors that cannot sign.</param>
internal sealed record WebhookRequest(IReadOnlyDictionary<string, string> Headers, ReadOnlyMemory<byte> Body, string? UrlToken, string? BasicPassword);

/// <summary>Either a refusal, or the keys of an accepted event.</summary>
/// <param name="DedupeKey">The same for every delivery of one event: a redelivery is appended once.</param>
/// <param name="EventType">The vendor's name for the kind of event, e.g. <c>issues</c> or <c>incident.triggered</c>.</param>
/// <param name="OrderingKey">Events with one key keep their order (a repository, a service); null when order does not matter.</param>
internal sealed record WebhookVerdict(Error? Refusal, string? DedupeKey, string? EventType, string? OrderingKey)
{
    public static WebhookVerdict Accept(string dedupeKey, string eventType, string? orderingKey) => new(null, dedupeKey, eventType, orderingKey);

    public static WebhookVerdict Refuse(Error refusal) => new(refusal, null, null, null);
}
