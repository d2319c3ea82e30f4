using System.Text.Json;
using Switchboard.Core.Events;

namespace Switchboard.Modules.Notify.Hooks;

/// <summary>
/// V3 webhooks: <c>X-PagerDuty-Signature: v1=&lt;hex&gt;[,v1=&lt;hex&gt;...]</c>, one value per signing secret while
/// PagerDuty rotates them; any match is enough:
/// https://developer.pagerduty.com/docs/webhooks/webhook-signatures/
/// </summary>
internal sealed class PagerDutyScheme : IWebhookScheme
{
    private const string SignatureHeader = "X-PagerDuty-Signature";
    private const string SignaturePrefix = "v1=";

    public WebhookVerdict Verify(WebhookRequest request, IReadOnlyList<string> secrets, DateTimeOffset now)
    {
        if (request.Header(SignatureHeader) is not { } header)
        {
            return WebhookVerdict.Refuse(WebhookRefusals.MissingSignature(SignatureHeader));
        }

        var signatures = header.Split(',', StringSplitOptions.TrimEntries)
            .Where(value => value.StartsWith(SignaturePrefix, StringComparison.Ordinal))
            .Select(value => WebhookSignatures.FromHex(value.AsSpan(SignaturePrefix.Length)))
            .OfType<byte[]>()
            .ToList();
        if (!WebhookSignatures.IsSignedByAny(secrets, request.Body.Span, signatures))
        {
            return WebhookVerdict.Refuse(WebhookRefusals.BadSignature(SignatureHeader));
        }

        var json = WebhookFields.Json(request.Body);
        return WebhookVerdict.Accept(
            WebhookFields.Text(json, "event", "id") ?? WebhookSignatures.BodyHashKey(request.Body.Span),
            WebhookFields.Text(json, "event", "event_type") ?? WebhookFields.Unparseable,
            ServiceId(json));
    }

    // A service event (service.updated) carries the service itself as its data.
    private static string? ServiceId(JsonElement? json) =>
        WebhookFields.Text(json, "event", "data", "service", "id")
        ?? (WebhookFields.Text(json, "event", "data", "type") == "service" ? WebhookFields.Text(json, "event", "data", "id") : null);
}
