using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Switchboard.Testing;

/// <summary>Posts vendors' payloads to a host's <c>/hooks/{source}</c>, signed the way each vendor signs, and reads what reached a channel.</summary>
public static class Webhooks
{
    public static byte[] Fixture(string path) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", path));

    public static Task<HttpResponseMessage> PostGitHubAsync(
        this SwitchboardHost host, byte[] body, string eventType, string delivery, string secret, CancellationToken cancellationToken) =>
        host.PostHookAsync("github", body, cancellationToken,
            ("X-GitHub-Event", eventType),
            ("X-GitHub-Delivery", delivery),
            ("X-Hub-Signature-256", "sha256=" + HexHmac(secret, body)));

    public static Task<HttpResponseMessage> PostPagerDutyAsync(this SwitchboardHost host, byte[] body, string secret, CancellationToken cancellationToken) =>
        host.PostHookAsync("pagerduty", body, cancellationToken, ("X-PagerDuty-Signature", "v1=" + HexHmac(secret, body)));

    public static Task<HttpResponseMessage> PostSentryAsync(
        this SwitchboardHost host, byte[] body, string resource, string requestId, string secret, CancellationToken cancellationToken) =>
        host.PostHookAsync("sentry", body, cancellationToken,
            ("Sentry-Hook-Resource", resource),
            ("Request-ID", requestId),
            ("Sentry-Hook-Signature", HexHmac(secret, body)));

    /// <summary>
    /// Posts to a custom source signed with Standard Webhooks at the host's time: <c>v1,</c> and the base64 HMAC-SHA256 of
    /// <c>{id}.{timestamp}.{body}</c>, keyed by the base64 after <c>whsec_</c> or else the secret's UTF-8 bytes.
    /// </summary>
    public static Task<HttpResponseMessage> PostCustomAsync(
        this SwitchboardHost host, string source, byte[] body, string id, string secret, CancellationToken cancellationToken)
    {
        var timestamp = host.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var key = secret.StartsWith("whsec_", StringComparison.Ordinal) ? Convert.FromBase64String(secret["whsec_".Length..]) : Encoding.UTF8.GetBytes(secret);
        byte[] signed = [.. Encoding.UTF8.GetBytes($"{id}.{timestamp}."), .. body];
        var signature = HMACSHA256.HashData(key, signed);
        return host.PostHookAsync(source, body, cancellationToken,
            ("webhook-id", id),
            ("webhook-timestamp", timestamp),
            ("webhook-signature", "v1," + Convert.ToBase64String(signature)));
    }

    /// <summary>A payload with some of its JSON changed, for the states no fixture shows.</summary>
    public static byte[] Edited(byte[] body, Action<System.Text.Json.Nodes.JsonNode> edit)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(body)!;
        edit(node);
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    /// <summary>The channel's messages as the API shows them: id, text, threadOf, ...</summary>
    public static async Task<IReadOnlyList<JsonElement>> ChannelMessagesAsync(this SwitchboardHost host, string channel, CancellationToken cancellationToken)
    {
        using var http = host.ApiClient(host.Admin);
        var page = await http.GetFromJsonAsync<JsonElement>($"/api/channels/{channel}/messages", cancellationToken);
        return [.. page.EnumerateArray()];
    }

    /// <summary>The channel's messages once it has at least <paramref name="count"/>; the consumer posts them a moment after the 202.</summary>
    public static async Task<IReadOnlyList<JsonElement>> ChannelMessagesEventuallyAsync(this SwitchboardHost host, string channel, int count, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(20));
        while (true)
        {
            var messages = await host.ChannelMessagesAsync(channel, deadline.Token);
            if (messages.Count >= count)
            {
                return messages;
            }

            await Task.Delay(100, deadline.Token);
        }
    }

    public static async Task<IReadOnlyList<string>> MessagesAsync(this SwitchboardHost host, string channel, CancellationToken cancellationToken) =>
        [.. (await host.ChannelMessagesAsync(channel, cancellationToken)).Select(Text)];

    public static async Task<IReadOnlyList<string>> MessagesEventuallyAsync(this SwitchboardHost host, string channel, int count, CancellationToken cancellationToken) =>
        [.. (await host.ChannelMessagesEventuallyAsync(channel, count, cancellationToken)).Select(Text)];

    public static string Text(JsonElement message) => message.GetProperty("text").GetString()!;

    private static async Task<HttpResponseMessage> PostHookAsync(
        this SwitchboardHost host, string source, byte[] body, CancellationToken cancellationToken, params (string Name, string Value)[] headers)
    {
        using var http = host.AnonymousClient();
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/" + source) { Content = content };
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return await http.SendAsync(request, cancellationToken);
    }

    private static string HexHmac(string secret, byte[] body) => Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
