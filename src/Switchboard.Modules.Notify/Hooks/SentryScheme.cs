using Switchboard.Core.Events;

namespace Switchboard.Modules.Notify.Hooks;

/// <summary>
/// Integration-platform webhooks: <c>Sentry-Hook-Signature: &lt;hex HMAC-SHA256 of the body under the client secret&gt;</c>:
/// https://docs.sentry.io/integrations/integration-platform/webhooks/
/// </summary>
internal sealed class SentryScheme : IWebhookScheme
{
    private const string SignatureHeader = "Sentry-Hook-Signature";
    private const string ResourceHeader = "Sentry-Hook-Resource";
    private const string RequestIdHeader = "Request-ID";

    public WebhookVerdict Verify(WebhookRequest request, IReadOnlyList<string> secrets, DateTimeOffset now)
    {
        if (request.Header(SignatureHeader) is not { } header)
        {
            return WebhookVerdict.Refuse(WebhookRefusals.MissingSignature(SignatureHeader));
        }

        if (WebhookSignatures.FromHex(header) is not { } signature
            || !WebhookSignatures.IsSignedByAny(secrets, request.Body.Span, [signature]))
        {
            return WebhookVerdict.Refuse(WebhookRefusals.BadSignature(SignatureHeader));
        }

        if (request.Header(ResourceHeader) is not { } resource)
        {
            return WebhookVerdict.Refuse(WebhookRefusals.MissingEventType(ResourceHeader));
        }

        // The project id, not its slug: an event alert names only the id, and a slug can be renamed.
        var json = WebhookFields.Json(request.Body);
        var projectId = WebhookFields.Text(json, "data", "issue", "project", "id") ?? WebhookFields.Text(json, "data", "event", "project");
        return WebhookVerdict.Accept(
            request.Header(RequestIdHeader) ?? WebhookSignatures.BodyHashKey(request.Body.Span),
            resource,
            projectId);
    }
}
