using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchboard.Emulators.Slack.WebApi;

namespace Switchboard.Emulators.Slack.Requests;

/// <summary>
/// What Slack sends an app, sent to Switchboard: slash commands and interactions as forms, Events API callbacks
/// as JSON, each signed with the app's signing secret as Slack signs them (<c>X-Slack-Signature</c>,
/// <c>v0=</c> HMAC-SHA256 of <c>v0:{timestamp}:{body}</c>, <c>X-Slack-Request-Timestamp</c> from the clock).
/// The bodies follow Slack's own (see <c>fixtures/slack/</c>: bolt-js's slash command, the Java SDK's payloads).
/// https://api.slack.com/authentication/verifying-requests-from-slack
/// </summary>
/// <param name="workspace">The Web API emulator's workspace, whose <c>views.open</c> takes the trigger ids this sends.</param>
public sealed class SlackSender(Uri switchboard, string signingSecret, TimeProvider clock, SlackState? workspace = null) : IDisposable
{
    public const string AppId = "A0SWITCHBD";

    /// <summary>The app's bot user, which people mention as <c>&lt;@U0SWITCHBD&gt;</c>.</summary>
    public const string BotUserId = "U0SWITCHBD";

    private readonly HttpClient _http = new() { BaseAddress = switchboard, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary><c>/sb {text}</c> in a channel, as the person types it; Slack escapes <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> in the text.</summary>
    public Task<HttpResponseMessage> SlashCommandAsync(SlackUser user, string text, Uri responseUrl, CancellationToken cancellationToken, string channelId = "C0OPS00001") =>
        SendAsync("/slack/commands", SlashCommandBody(user, text, responseUrl, channelId), SlackSigning.AsSlackDoes, cancellationToken);

    /// <summary>A slash command's form, for a test that signs it its own way.</summary>
    public byte[] SlashCommandBody(SlackUser user, string text, Uri responseUrl, string channelId = "C0OPS00001") =>
        Form(SlashCommandFields(user, text, responseUrl, channelId));

    /// <summary>A slash command's fields: a form over HTTP, a JSON object of strings over Socket Mode.</summary>
    public (string Name, string Value)[] SlashCommandFields(SlackUser user, string text, Uri responseUrl, string channelId = "C0OPS00001") =>
    [
        ("token", "legacy-verification-token"),
        ("team_id", user.TeamId),
        ("team_domain", "acme"),
        ("channel_id", channelId),
        ("channel_name", "ops"),
        ("user_id", user.UserId),
        ("user_name", user.UserName),
        ("command", "/sb"),
        ("text", Escape(text)),
        ("api_app_id", AppId),
        ("is_enterprise_install", "false"),
        ("response_url", responseUrl.ToString()),
        ("trigger_id", NewTriggerId()),
    ];

    /// <summary>An <c>app_mention</c> event: <c>@Switchboard {text}</c> in a channel, in a thread when <paramref name="threadTs"/> is set.</summary>
    /// <param name="retryNum">Slack's attempt number when it redelivers (<c>X-Slack-Retry-Num</c>), the body unchanged.</param>
    /// <param name="messageTs">The message's own <c>ts</c>, when the test put it in the Web API emulator's channel; else a new one.</param>
    public Task<HttpResponseMessage> MentionAsync(
        SlackUser user,
        string text,
        string channel,
        string eventId,
        CancellationToken cancellationToken,
        int? retryNum = null,
        string? threadTs = null,
        string? userTeam = null,
        string? messageTs = null) =>
        SendEventAsync(MentionCallback(user, text, channel, eventId, threadTs, userTeam, messageTs), retryNum, cancellationToken);

    /// <summary>The <c>event_callback</c> of an <c>app_mention</c>, as <see cref="MentionAsync"/> sends it.</summary>
    public Dictionary<string, object?> MentionCallback(
        SlackUser user, string text, string channel, string eventId, string? threadTs = null, string? userTeam = null, string? messageTs = null)
    {
        var ts = messageTs ?? NewTs();
        var message = new Dictionary<string, object?>
        {
            ["type"] = "app_mention",
            ["user"] = user.UserId,
            ["text"] = $"<@{BotUserId}> {Escape(text)}",
            ["ts"] = ts,
            ["channel"] = channel,
            ["event_ts"] = ts,
            ["team"] = userTeam ?? user.TeamId,
        };
        if (threadTs is not null)
        {
            message["thread_ts"] = threadTs;
        }

        return EventCallback(user, message, eventId, isExternallyShared: userTeam is not null && userTeam != user.TeamId);
    }

    /// <summary>A <c>message</c> event in the app's direct-message conversation with the person (<c>channel_type: im</c>).</summary>
    public Task<HttpResponseMessage> DirectMessageAsync(SlackUser user, string text, string channel, string eventId, CancellationToken cancellationToken, int? retryNum = null)
    {
        var ts = NewTs();
        var message = new Dictionary<string, object?>
        {
            ["type"] = "message",
            ["channel"] = channel,
            ["user"] = user.UserId,
            ["text"] = Escape(text),
            ["ts"] = ts,
            ["event_ts"] = ts,
            ["channel_type"] = "im",
        };
        return SendEventAsync(EventCallback(user, message, eventId, isExternallyShared: false), retryNum, cancellationToken);
    }

    /// <summary>Slack's check of the Events API Request URL, which expects its challenge back.</summary>
    public Task<HttpResponseMessage> UrlVerificationAsync(string challenge, CancellationToken cancellationToken) =>
        SendAsync(
            "/slack/events",
            JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?> { ["token"] = "legacy-verification-token", ["challenge"] = challenge, ["type"] = "url_verification" }),
            SlackSigning.AsSlackDoes,
            cancellationToken,
            contentType: "application/json");

    /// <summary>A click on a button whose <c>value</c> is <paramref name="buttonValue"/>, on a message in <paramref name="channel"/>.</summary>
    public Task<HttpResponseMessage> ButtonClickAsync(SlackUser user, string buttonValue, Uri responseUrl, string channel, CancellationToken cancellationToken) =>
        SendAsync(
            "/slack/interactivity",
            Form([("payload", JsonSerializer.Serialize(ButtonClickPayload(user, buttonValue, responseUrl, channel)))]),
            SlackSigning.AsSlackDoes,
            cancellationToken);

    /// <summary>The <c>block_actions</c> payload of a click, as <see cref="ButtonClickAsync"/> sends it.</summary>
    public Dictionary<string, object?> ButtonClickPayload(SlackUser user, string buttonValue, Uri responseUrl, string channel)
    {
        var ts = NewTs();
        var payload = new Dictionary<string, object?>
        {
            ["type"] = "block_actions",
            ["user"] = new Dictionary<string, object?> { ["id"] = user.UserId, ["username"] = user.UserName, ["name"] = user.UserName, ["team_id"] = user.TeamId },
            ["api_app_id"] = AppId,
            ["token"] = "legacy-verification-token",
            ["container"] = new Dictionary<string, object?> { ["type"] = "message", ["message_ts"] = ts, ["channel_id"] = channel, ["is_ephemeral"] = false },
            ["trigger_id"] = NewTriggerId(),
            ["team"] = new Dictionary<string, object?> { ["id"] = user.TeamId, ["domain"] = "acme" },
            ["enterprise"] = null,
            ["is_enterprise_install"] = false,
            ["channel"] = new Dictionary<string, object?> { ["id"] = channel, ["name"] = "ops" },
            ["message"] = new Dictionary<string, object?> { ["type"] = "message", ["ts"] = ts, ["bot_id"] = "B0SWITCHBD", ["text"] = "" },
            ["response_url"] = responseUrl.ToString(),
            ["actions"] = new[]
            {
                new Dictionary<string, object?>
                {
                    ["action_id"] = "run",
                    ["block_id"] = "actions",
                    ["text"] = new Dictionary<string, object?> { ["type"] = "plain_text", ["text"] = "Run", ["emoji"] = true },
                    ["value"] = buttonValue,
                    ["type"] = "button",
                    ["action_ts"] = ts,
                },
            },
            ["state"] = new Dictionary<string, object?> { ["values"] = new Dictionary<string, object?>() },
        };
        return payload;
    }

    /// <summary>
    /// The person presses Submit on a modal the app opened (<paramref name="view"/>, as <c>views.open</c> took it), having
    /// filled in <paramref name="values"/>: Slack's <c>state.values</c>, block id to action id to the element's state.
    /// </summary>
    public Task<HttpResponseMessage> ViewSubmissionAsync(SlackUser user, JsonObject view, JsonObject values, CancellationToken cancellationToken) =>
        SendAsync(
            "/slack/interactivity",
            Form([("payload", ViewSubmissionPayload(user, view, values).ToJsonString())]),
            SlackSigning.AsSlackDoes,
            cancellationToken);

    /// <summary>The <c>view_submission</c> payload, as <see cref="ViewSubmissionAsync"/> sends it.</summary>
    public JsonObject ViewSubmissionPayload(SlackUser user, JsonObject view, JsonObject values)
    {
        var submitted = (JsonObject)view.DeepClone();
        submitted["state"] = new JsonObject { ["values"] = values.DeepClone() };
        submitted["hash"] = $"{clock.GetUtcNow().ToUnixTimeSeconds()}.{RandomNumberGenerator.GetHexString(8, lowercase: true)}";
        return new JsonObject
        {
            ["type"] = "view_submission",
            ["team"] = new JsonObject { ["id"] = user.TeamId, ["domain"] = "acme" },
            ["user"] = new JsonObject { ["id"] = user.UserId, ["username"] = user.UserName, ["name"] = user.UserName, ["team_id"] = user.TeamId },
            ["api_app_id"] = AppId,
            ["token"] = "legacy-verification-token",
            ["trigger_id"] = NewTriggerId(),
            ["view"] = submitted,
            ["response_urls"] = new JsonArray(),
            ["is_enterprise_install"] = false,
            ["enterprise"] = null,
        };
    }

    /// <summary>Sends a body to one of Switchboard's Slack endpoints, signed as <paramref name="signing"/> says.</summary>
    public async Task<HttpResponseMessage> SendAsync(
        string path, byte[] body, SlackSigning signing, CancellationToken cancellationToken, string contentType = "application/x-www-form-urlencoded", int? retryNum = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        request.Headers.UserAgent.ParseAdd("Slackbot 1.0 (+https://api.slack.com/robots)");
        var timestamp = (clock.GetUtcNow() + signing.Skew).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        if (!signing.OmitTimestamp)
        {
            request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        }

        if (!signing.OmitSignature)
        {
            request.Headers.Add("X-Slack-Signature", Sign(timestamp, body, signing.Secret ?? signingSecret));
        }

        // Slack numbers its redeliveries and says why it sent one: https://api.slack.com/apis/events-api#retries
        if (retryNum is { } attempt)
        {
            request.Headers.Add("X-Slack-Retry-Num", attempt.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        }

        return await _http.SendAsync(request, cancellationToken);
    }

    /// <summary>An Events API event id, new each call; a retry sends the same one again.</summary>
    public static string NewEventId() => "Ev" + RandomNumberGenerator.GetString("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", 9);

    public void Dispose() => _http.Dispose();

    private Task<HttpResponseMessage> SendEventAsync(Dictionary<string, object?> callback, int? retryNum, CancellationToken cancellationToken) =>
        SendAsync("/slack/events", JsonSerializer.SerializeToUtf8Bytes(callback), SlackSigning.AsSlackDoes, cancellationToken, "application/json", retryNum);

    private Dictionary<string, object?> EventCallback(SlackUser user, Dictionary<string, object?> message, string eventId, bool isExternallyShared) =>
        new()
        {
            ["token"] = "legacy-verification-token",
            ["team_id"] = user.TeamId,
            ["enterprise_id"] = user.EnterpriseId,
            ["api_app_id"] = AppId,
            ["event"] = message,
            ["type"] = "event_callback",
            ["event_id"] = eventId,
            ["event_time"] = clock.GetUtcNow().ToUnixTimeSeconds(),
            ["authorizations"] = new[]
            {
                new Dictionary<string, object?>
                {
                    ["enterprise_id"] = user.EnterpriseId, ["team_id"] = user.TeamId, ["user_id"] = BotUserId, ["is_bot"] = true, ["is_enterprise_install"] = false,
                },
            },
            ["is_ext_shared_channel"] = isExternallyShared,
            ["event_context"] = "4-" + eventId,
        };

    private static string Sign(string timestamp, byte[] body, string secret)
    {
        var signed = Encoding.UTF8.GetBytes($"v0:{timestamp}:").Concat(body).ToArray();
        return "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    private static byte[] Form((string Name, string Value)[] fields) =>
        Encoding.UTF8.GetBytes(string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Name) + "=" + Uri.EscapeDataString(f.Value))));

    // Slack escapes these three in the text it sends: https://api.slack.com/reference/surfaces/formatting#escaping
    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private string NewTriggerId() => workspace?.IssueTriggerId() ??
        $"{RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue)}.{RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue)}.{RandomNumberGenerator.GetHexString(32, lowercase: true)}";

    private string NewTs() =>
        $"{clock.GetUtcNow().ToUnixTimeSeconds()}.{RandomNumberGenerator.GetInt32(0, 999_999):D6}";
}

/// <param name="TeamId">The person's workspace (<c>T...</c>).</param>
/// <param name="UserId">Their member id there (<c>U...</c> or <c>W...</c>).</param>
public sealed record SlackUser(string TeamId, string UserId, string UserName, string? EnterpriseId = null);

/// <summary>How a request is signed: as Slack does, or wrongly in one particular way.</summary>
/// <param name="Secret">Another secret than the app's, for a forged request.</param>
/// <param name="Skew">How far from the clock's now the timestamp is: a stale or a future request.</param>
public sealed record SlackSigning(string? Secret = null, TimeSpan Skew = default, bool OmitSignature = false, bool OmitTimestamp = false)
{
    public static SlackSigning AsSlackDoes { get; } = new();
}
