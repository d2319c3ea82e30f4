using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Switchboard.Modules.Slack.Inbound;

/// <summary>
/// Posts the answer to a request where the person asked: a slash command's and a click's through their
/// <c>response_url</c> (a click replaces the message its button was on), a mention's and a direct message's
/// with <c>chat.postMessage</c> in the same conversation and thread. The text is mrkdwn with
/// <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> escaped, so a reply can never mention or link what it only quotes.
/// https://api.slack.com/interactivity/handling#message_responses
/// </summary>
internal sealed class SlackReplies(HttpClient http, IOptions<SlackOptions> options, ILogger<SlackReplies> logger)
{
    public async Task PostAsync(SlackRequest request, string text, CancellationToken cancellationToken)
    {
        var escaped = Escape(text);
        switch (request.Kind)
        {
            case SlackRequestKind.SlashCommand when request.ResponseUrl is { } url:
                await SendAsync(request, url, new ResponseUrlMessage(escaped, ResponseType: "ephemeral"), bearer: null, cancellationToken);
                break;
            case SlackRequestKind.ButtonClick when request.ResponseUrl is { } url:
                await SendAsync(request, url, new ResponseUrlMessage(escaped, ReplaceOriginal: true), bearer: null, cancellationToken);
                break;
            case SlackRequestKind.Mention or SlackRequestKind.DirectMessage when request.Channel is { } channel:
                await SendAsync(
                    request,
                    new Uri(options.Value.ApiBaseUrl, "chat.postMessage"),
                    new PostedMessage(channel, escaped, request.ThreadTs),
                    options.Value.BotToken,
                    cancellationToken);
                break;
            default:
                break;
        }
    }

    /// <summary>https://api.slack.com/reference/surfaces/formatting#escaping</summary>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private async Task SendAsync<T>(SlackRequest request, Uri url, T message, string? bearer, CancellationToken cancellationToken)
    {
        using var post = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(message) };
        if (bearer is not null)
        {
            post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        using var response = await http.SendAsync(post, cancellationToken);

        // A 429 or a 5xx may pass: throwing leaves the request to be answered again once its claim lapses.
        if ((int)response.StatusCode == 429 || (int)response.StatusCode >= 500)
        {
            response.EnsureSuccessStatusCode();
        }

        // Slack answers a refusal (channel_not_found, expired_url) with ok: false, which no retry would change.
        var answer = await ReadAnswerAsync(response, cancellationToken);
        if (!response.IsSuccessStatusCode || answer is { Ok: false })
        {
            logger.ReplyRefused((int)response.StatusCode, answer?.Error ?? "", request.RequestKey);
        }
    }

    private static async Task<SlackAnswer?> ReadAnswerAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/json")
        {
            return null;
        }

        try
        {
            return await response.Content.ReadFromJsonAsync<SlackAnswer>(cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record ResponseUrlMessage(
        [property: JsonPropertyName("text")] string Text,
        [property: JsonPropertyName("response_type"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ResponseType = null,
        [property: JsonPropertyName("replace_original"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool ReplaceOriginal = false);

    private sealed record PostedMessage(
        [property: JsonPropertyName("channel")] string Channel,
        [property: JsonPropertyName("text")] string Text,
        [property: JsonPropertyName("thread_ts"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ThreadTs);

    private sealed record SlackAnswer(
        [property: JsonPropertyName("ok")] bool Ok,
        [property: JsonPropertyName("error")] string? Error);
}
