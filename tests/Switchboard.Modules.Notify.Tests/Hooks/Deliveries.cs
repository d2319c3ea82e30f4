using System.Security.Cryptography;
using System.Text;
using Switchboard.Core.Errors;
using Switchboard.Core.Events;

namespace Switchboard.Modules.Notify.Tests.Hooks;

/// <summary>Builds webhook requests from the vendors' real payloads, signed here the way each vendor signs.</summary>
internal static class Deliveries
{
    /// <summary>Any time: only Standard Webhooks looks at the clock.</summary>
    public static readonly DateTimeOffset ReceivedAt = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static byte[] Payload(string path) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", path));

    public static WebhookRequest Request(byte[] body, params (string Name, string Value)[] headers) =>
        new(headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase), body, null, null);

    public static string HexHmac(string secret, byte[] content) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), content));

    public static string BodyHashKey(byte[] body) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body));

    public static byte[] Tampered(byte[] body)
    {
        var copy = body.ToArray();
        copy[copy.Length / 2] ^= 1;
        return copy;
    }

    public static (ErrorKind? Kind, string? Code) Refusal(WebhookVerdict verdict) => (verdict.Refusal?.Kind, verdict.Refusal?.Code);
}
