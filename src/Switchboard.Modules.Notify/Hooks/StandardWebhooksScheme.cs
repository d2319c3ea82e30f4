using System.Globalization;
using System.Text;
using Switchboard.Core.Events;

namespace Switchboard.Modules.Notify.Hooks;

/// <summary>
/// For custom sources: <c>webhook-signature: v1,&lt;base64&gt; [v1,&lt;base64&gt;...]</c> over <c>{id}.{timestamp}.{body}</c>,
/// with a 5-minute replay window on the signed timestamp:
/// https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md
/// </summary>
internal sealed class StandardWebhooksScheme : IWebhookScheme
{
    private const string IdHeader = "webhook-id";
    private const string TimestampHeader = "webhook-timestamp";
    private const string SignatureHeader = "webhook-signature";
    private const string SignaturePrefix = "v1,";
    private const string SecretPrefix = "whsec_";
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public WebhookVerdict Verify(WebhookRequest request, IReadOnlyList<string> secrets, DateTimeOffset now)
    {
        if (request.Header(IdHeader) is not { } id
            || request.Header(TimestampHeader) is not { } timestamp
            || request.Header(SignatureHeader) is not { } header)
        {
            return WebhookVerdict.Refuse(WebhookRefusals.MissingSignature($"{IdHeader}, {TimestampHeader} or {SignatureHeader}"));
        }

        var signatures = header.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(entry => entry.StartsWith(SignaturePrefix, StringComparison.Ordinal))
            .Select(entry => WebhookSignatures.FromBase64(entry.AsSpan(SignaturePrefix.Length)))
            .OfType<byte[]>()
            .ToList();
        byte[] signed = [.. Encoding.UTF8.GetBytes($"{id}.{timestamp}."), .. request.Body.Span];
        if (!WebhookSignatures.IsSignedByAny(secrets.Select(Key), signed, signatures))
        {
            return WebhookVerdict.Refuse(WebhookRefusals.BadSignature(SignatureHeader));
        }

        // Checked after the signature, so "stale" is only ever said of a genuine request.
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(now.ToUnixTimeSeconds() - seconds) > Tolerance.TotalSeconds)
        {
            return WebhookVerdict.Refuse(WebhookRefusals.StaleRequest(Tolerance));
        }

        var json = WebhookFields.Json(request.Body);
        return WebhookVerdict.Accept(
            id,
            WebhookFields.Text(json, "type") ?? WebhookFields.Text(json, "event") ?? WebhookFields.Unparseable,
            WebhookFields.Text(json, "service"));
    }

    private static byte[] Key(string secret) =>
        secret.StartsWith(SecretPrefix, StringComparison.Ordinal)
            ? Convert.FromBase64String(secret[SecretPrefix.Length..])
            : Encoding.UTF8.GetBytes(secret);
}
