using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Switchboard.Core.Replies;
using Switchboard.Modules.Slack.Rendering;
using Switchboard.Modules.Slack.WebApi;

namespace Switchboard.Modules.Slack.Inbound;

/// <summary>
/// Posts the answer to a request where the person asked, rendered in Block Kit as every Slack message is: a slash
/// command's and a click's through their <c>response_url</c> (a click replaces the message its button was on), a
/// form's through the <c>response_url</c> of the command or click that opened it, a mention's and a direct
/// message's with <c>chat.postMessage</c> in the same conversation and thread.
/// https://docs.slack.dev/interactivity/handling-user-interaction#message_responses
/// </summary>
internal sealed class SlackReplies(HttpClient http, SlackWebApi slack, SlackMentions mentions, ILogger<SlackReplies> logger)
{
    public async Task PostAsync(SlackRequest request, Reply reply, CancellationToken cancellationToken)
    {
        var message = BlockKitRenderer.Render(reply, await mentions.ForAsync(reply, cancellationToken));
        switch (request.Kind)
        {
            case SlackRequestKind.SlashCommand or SlackRequestKind.FormSubmission when request.ResponseUrl is { } url:
                await RespondAsync(request, url, message, new JsonObject { ["response_type"] = "ephemeral" }, cancellationToken);
                break;
            case SlackRequestKind.ButtonClick when request.ResponseUrl is { } url:
                await RespondAsync(request, url, message, new JsonObject { ["replace_original"] = true }, cancellationToken);
                break;
            case SlackRequestKind.Mention or SlackRequestKind.DirectMessage when request.Channel is { } channel:
                ThrowIfWorthRetrying(await slack.PostMessageAsync(channel, message, request.ThreadTs, metadata: null, cancellationToken));
                break;
            default:
                break;
        }
    }

    /// <summary>Throwing leaves the request to be answered again once its claim lapses.</summary>
    private static void ThrowIfWorthRetrying<T>(SlackAnswer<T> answer)
    {
        if (answer.Error is { Code: "slack.unavailable" or "slack.ratelimited" } error)
        {
            throw new HttpRequestException(error.Detail);
        }
    }

    private async Task RespondAsync(SlackRequest request, Uri url, SlackMessageContent message, JsonObject body, CancellationToken cancellationToken)
    {
        body["text"] = message.Text;
        body["blocks"] = message.Blocks.DeepClone();
        using var response = await http.PostAsJsonAsync(url, body, cancellationToken);

        // A 429 or a 5xx may pass: throwing leaves the request to be answered again once its claim lapses.
        if ((int)response.StatusCode == 429 || (int)response.StatusCode >= 500)
        {
            response.EnsureSuccessStatusCode();
        }

        // Slack answers a refusal (expired_url, invalid_blocks) with ok: false, which no retry would change.
        var refusal = await RefusalAsync(response, cancellationToken);
        if (!response.IsSuccessStatusCode || refusal is not null)
        {
            logger.ReplyRefused((int)response.StatusCode, refusal ?? "", request.RequestKey);
        }
    }

    /// <returns>Slack's <c>error</c> when it answered <c>{"ok": false}</c>; a response URL otherwise answers plain <c>ok</c>.</returns>
    private static async Task<string?> RefusalAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/json")
        {
            return null;
        }

        try
        {
            return await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken) is { } answer && answer["ok"]?.GetValue<bool>() == false
                ? answer["error"]?.GetValue<string>() ?? "invalid_response"
                : null;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
