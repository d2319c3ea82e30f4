using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Switchboard.Bench.Api;

/// <summary>
/// Slash commands signed as Slack signs them (<c>v0=</c> HMAC-SHA256 of <c>v0:{timestamp}:{body}</c>), each with its own
/// <c>trigger_id</c> so none is a repeat, and a <c>response_url</c> that points at a sink this bench runs.
/// </summary>
internal sealed class SlashCommands(Uri responseSink)
{
    public const string SecretSetting = "Slack:SigningSecret";
    public const string SignatureHeader = "X-Slack-Signature";
    public const string TimestampHeader = "X-Slack-Request-Timestamp";
    public const string ResponsePath = "/slack/responses";

    private long _sent;

    public string Secret { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));

    public HttpRequestMessage Next()
    {
        var number = Interlocked.Increment(ref _sent).ToString(CultureInfo.InvariantCulture);
        var body = string.Join('&', new Dictionary<string, string>
        {
            ["token"] = "bench-verification-token",
            ["team_id"] = "T0BENCH",
            ["team_domain"] = "bench",
            ["channel_id"] = "C0BENCH",
            ["channel_name"] = "ops",
            ["user_id"] = "U0BENCH",
            ["user_name"] = "bench",
            ["command"] = "/sb",
            ["text"] = "help",
            ["api_app_id"] = "A0BENCH",
            ["response_url"] = new Uri(responseSink, ResponsePath + "/" + number).ToString(),
            ["trigger_id"] = $"bench.{number}.{Guid.NewGuid():N}",
        }.Select(field => $"{field.Key}={Uri.EscapeDataString(field.Value)}"));
        var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return new HttpRequestMessage(HttpMethod.Post, "/slack/commands")
        {
            Headers =
            {
                { TimestampHeader, timestamp },
                { SignatureHeader, "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}"))) },
                { "User-Agent", "Slackbot 1.0 (+https://api.slack.com/robots)" },
            },
            Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
    }
}
