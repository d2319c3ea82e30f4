using System.Security.Cryptography;
using System.Text;
using System.Web;
using Switchboard.Core.Events;

namespace Switchboard.Modules.Notify.Hooks;

/// <summary>
/// For vendors that cannot sign: the webhook URL carries one of the secrets as <c>?token=</c> or as a Basic password.
/// Nothing is signed, so the body hash is the dedupe key.
/// </summary>
internal sealed class SharedTokenScheme(Func<ReadOnlyMemory<byte>, string> eventTypeOf) : IWebhookScheme
{
    // https://docs.rollbar.com/docs/webhooks
    public static SharedTokenScheme Rollbar { get; } = new(body =>
        WebhookFields.Text(WebhookFields.Json(body), "event_name") ?? WebhookFields.Unparseable);

    // Librato posts a form whose one field, payload, holds the JSON, and only a cleared alert has "clear":
    // https://kb-docs-archive.librato.com/alert/service_integrations/webhook
    public static SharedTokenScheme Librato { get; } = new(body =>
    {
        var payload = HttpUtility.ParseQueryString(Encoding.UTF8.GetString(body.Span))["payload"];
        var json = payload is null ? null : WebhookFields.Json(Encoding.UTF8.GetBytes(payload));
        return (WebhookFields.Text(json, "alert", "id"), WebhookFields.Text(json, "clear")) switch
        {
            (null, _) => WebhookFields.Unparseable,
            (_, null) => "alert.triggered",
            _ => "alert.cleared",
        };
    });

    public WebhookVerdict Verify(WebhookRequest request, IReadOnlyList<string> secrets, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(request.UrlToken) && string.IsNullOrEmpty(request.BasicPassword))
        {
            return WebhookVerdict.Refuse(WebhookRefusals.MissingToken());
        }

        if (!IsOneOf(request.UrlToken, secrets) && !IsOneOf(request.BasicPassword, secrets))
        {
            return WebhookVerdict.Refuse(WebhookRefusals.BadToken());
        }

        return WebhookVerdict.Accept(WebhookSignatures.BodyHashKey(request.Body.Span), eventTypeOf(request.Body), null);
    }

    private static bool IsOneOf(string? token, IReadOnlyList<string> secrets)
    {
        if (string.IsNullOrEmpty(token))
        {
            return false;
        }

        // Digests all have one length, so comparing them reveals nothing about a secret's length.
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        var matched = false;
        foreach (var secret in secrets)
        {
            matched |= CryptographicOperations.FixedTimeEquals(presented, SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
        }

        return matched;
    }
}
