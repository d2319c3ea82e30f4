using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Switchboard.Core.Errors;

namespace Switchboard.Modules.Slack.Inbound;

/// <summary>
/// Slack's request signing: <c>X-Slack-Signature</c> is <c>v0=</c> and the hex HMAC-SHA256, keyed with the
/// app's signing secret, of <c>v0:{X-Slack-Request-Timestamp}:{raw body}</c>. A request more than five minutes
/// from now, either way, is refused, so a captured request cannot be replayed later.
/// https://api.slack.com/authentication/verifying-requests-from-slack
/// </summary>
internal static class SlackSignature
{
    public const string SignatureHeader = "X-Slack-Signature";
    public const string TimestampHeader = "X-Slack-Request-Timestamp";

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    /// <returns>Null when the request is Slack's and fresh, otherwise why it is refused.</returns>
    public static Error? Check(string? signature, string? timestamp, ReadOnlySpan<byte> body, string signingSecret, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(timestamp))
        {
            return Error.Unauthenticated(
                "slack.signature-missing", $"The request has no {SignatureHeader} or {TimestampHeader} header; only Slack's signed requests are accepted here.");
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return Mismatch();
        }

        var sentAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (now - sentAt > Window)
        {
            return Error.Unauthenticated("slack.stale-request", "The request was signed more than 5 minutes ago; Slack's requests are accepted only while fresh.");
        }

        if (sentAt - now > Window)
        {
            return Error.Unauthenticated("slack.request-from-the-future", "The request is dated more than 5 minutes ahead of this server's clock; check both clocks.");
        }

        return Matches(signature, timestamp, body, signingSecret) ? null : Mismatch();
    }

    /// <summary>The signature Slack sends for this body at this time; for the emulator and tests as much as for the check.</summary>
    public static string Sign(string timestamp, ReadOnlySpan<byte> body, string signingSecret)
    {
        var prefix = Encoding.UTF8.GetBytes($"v0:{timestamp}:");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingSecret), signed));
    }

    private static bool Matches(string signature, string timestamp, ReadOnlySpan<byte> body, string signingSecret) =>
        CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Sign(timestamp, body, signingSecret)),
            Encoding.ASCII.GetBytes(signature.Trim().ToLowerInvariant()));

    private static Error Mismatch() =>
        Error.Unauthenticated("slack.signature-mismatch", $"{SignatureHeader} does not match the body signed with this app's signing secret.");
}
