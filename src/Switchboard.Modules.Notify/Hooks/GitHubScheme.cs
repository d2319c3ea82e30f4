using Switchboard.Core.Events;

namespace Switchboard.Modules.Notify.Hooks;

/// <summary>
/// <c>X-Hub-Signature-256: sha256=&lt;hex HMAC-SHA256 of the body&gt;</c>:
/// https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries
/// </summary>
internal sealed class GitHubScheme : IWebhookScheme
{
    private const string SignatureHeader = "X-Hub-Signature-256";
    private const string SignaturePrefix = "sha256=";
    private const string DeliveryHeader = "X-GitHub-Delivery";
    private const string EventHeader = "X-GitHub-Event";

    public WebhookVerdict Verify(WebhookRequest request, IReadOnlyList<string> secrets, DateTimeOffset now)
    {
        if (request.Header(SignatureHeader) is not { } header)
        {
            return WebhookVerdict.Refuse(WebhookRefusals.MissingSignature(SignatureHeader));
        }

        var signature = header.StartsWith(SignaturePrefix, StringComparison.Ordinal)
            ? WebhookSignatures.FromHex(header.AsSpan(SignaturePrefix.Length))
            : null;
        if (signature is null || !WebhookSignatures.IsSignedByAny(secrets, request.Body.Span, [signature]))
        {
            return WebhookVerdict.Refuse(WebhookRefusals.BadSignature(SignatureHeader));
        }

        if (request.Header(DeliveryHeader) is not { } deliveryId)
        {
            return WebhookVerdict.Refuse(WebhookRefusals.MissingDeliveryId(DeliveryHeader));
        }

        if (request.Header(EventHeader) is not { } eventType)
        {
            return WebhookVerdict.Refuse(WebhookRefusals.MissingEventType(EventHeader));
        }

        var repository = WebhookFields.Find(request.Body.Span, "repository", "full_name");
        return WebhookVerdict.Accept(deliveryId, eventType, repository);
    }
}
