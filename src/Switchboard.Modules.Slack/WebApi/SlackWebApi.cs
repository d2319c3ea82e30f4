using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Switchboard.Modules.Slack.WebApi;

/// <summary>
/// The Slack Web API methods Switchboard calls, as the bot (<c>Slack:BotToken</c>) against <c>Slack:ApiBaseUrl</c>.
/// No .NET Slack SDK is served here, so this is a small typed client over Slack's documented methods
/// (https://docs.slack.dev/reference/methods). Every expected failure is a value; nothing is retried here: the
/// outbox owns retries for posts, and a person waiting on a reply is better told at once.
/// </summary>
internal sealed class SlackWebApi(HttpClient http, IOptions<SlackOptions> options, ILogger<SlackWebApi> logger)
{
    public const int MaxPageSize = 1000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public Task<SlackAnswer<SlackAuth>> AuthTestAsync(CancellationToken cancellationToken) =>
        CallAsync("auth.test", Form(), answer => Read<SlackAuth>(answer), cancellationToken);

    /// <param name="threadTs">The parent's <c>ts</c> to reply in its thread, or null.</param>
    /// <param name="metadata">Kept with the message and shown by history with <c>include_all_metadata</c>.</param>
    public Task<SlackAnswer<SlackPosted>> PostMessageAsync(
        string channel, SlackMessageContent message, string? threadTs, SlackMetadata? metadata, CancellationToken cancellationToken)
    {
        var body = Message(message);
        body["channel"] = channel;
        if (threadTs is not null)
        {
            body["thread_ts"] = threadTs;
        }

        if (metadata is not null)
        {
            body["metadata"] = new JsonObject { ["event_type"] = metadata.EventType, ["event_payload"] = metadata.EventPayload.DeepClone() };
        }

        return CallAsync("chat.postMessage", JsonBody(body), answer => Read<SlackPosted>(answer), cancellationToken);
    }

    /// <summary>Replaces a message Switchboard posted (a page acknowledged, a clicked button done).</summary>
    public Task<SlackAnswer<SlackPosted>> UpdateMessageAsync(string channel, string ts, SlackMessageContent message, CancellationToken cancellationToken)
    {
        var body = Message(message);
        body["channel"] = channel;
        body["ts"] = ts;
        return CallAsync("chat.update", JsonBody(body), answer => Read<SlackPosted>(answer), cancellationToken);
    }

    /// <summary>A message only <paramref name="user"/> sees, in a channel they are in; answers its <c>message_ts</c>.</summary>
    public Task<SlackAnswer<string>> PostEphemeralAsync(string channel, string user, SlackMessageContent message, CancellationToken cancellationToken)
    {
        var body = Message(message);
        body["channel"] = channel;
        body["user"] = user;
        return CallAsync("chat.postEphemeral", JsonBody(body), answer => answer["message_ts"]?.GetValue<string>(), cancellationToken);
    }

    public Task<SlackAnswer<SlackUser>> UserInfoAsync(string user, CancellationToken cancellationToken) =>
        CallAsync("users.info", Form(("user", user)), answer => Read<SlackUser>(answer["user"]), cancellationToken);

    public Task<SlackAnswer<SlackUser>> LookupUserByEmailAsync(string email, CancellationToken cancellationToken) =>
        CallAsync("users.lookupByEmail", Form(("email", email)), answer => Read<SlackUser>(answer["user"]), cancellationToken);

    /// <summary>The direct-message channel with a person, opened if need be; answers its id (<c>D...</c>).</summary>
    public Task<SlackAnswer<string>> OpenDirectMessageAsync(string user, CancellationToken cancellationToken) =>
        CallAsync("conversations.open", JsonBody(new JsonObject { ["users"] = user }), answer => answer["channel"]?["id"]?.GetValue<string>(), cancellationToken);

    public Task<SlackAnswer<SlackConversation>> ConversationInfoAsync(string channel, CancellationToken cancellationToken) =>
        CallAsync("conversations.info", Form(("channel", channel)), answer => Read<SlackConversation>(answer["channel"]), cancellationToken);

    /// <summary>One page of the workspace's public and private channels that are not archived.</summary>
    public Task<SlackAnswer<SlackPage<SlackConversation>>> ListConversationsAsync(string? cursor, int limit, CancellationToken cancellationToken) =>
        CallAsync(
            "conversations.list",
            Form(("types", "public_channel,private_channel"), ("exclude_archived", "true"), ("limit", Number(limit)), ("cursor", cursor)),
            answer => Page<SlackConversation>(answer, "channels"),
            cancellationToken);

    /// <summary>One page of a channel's top-level messages, newest first, with their metadata.</summary>
    public Task<SlackAnswer<SlackPage<SlackHistoryMessage>>> HistoryAsync(string channel, int limit, string? cursor, CancellationToken cancellationToken) =>
        CallAsync(
            "conversations.history",
            Form(("channel", channel), ("limit", Number(limit)), ("cursor", cursor), ("include_all_metadata", "true")),
            answer => Page<SlackHistoryMessage>(answer, "messages"),
            cancellationToken);

    /// <summary>
    /// One page of a thread (its parent first, then the replies, oldest first), with their metadata: replies in a
    /// thread are not in <see cref="HistoryAsync"/>.
    /// </summary>
    public Task<SlackAnswer<SlackPage<SlackHistoryMessage>>> RepliesAsync(
        string channel, string threadTs, int limit, string? cursor, CancellationToken cancellationToken) =>
        CallAsync(
            "conversations.replies",
            Form(("channel", channel), ("ts", threadTs), ("limit", Number(limit)), ("cursor", cursor), ("include_all_metadata", "true")),
            answer => Page<SlackHistoryMessage>(answer, "messages"),
            cancellationToken);

    /// <summary>Opens a modal within 3 seconds of the click or command that gave <paramref name="triggerId"/>; answers the view's id.</summary>
    public Task<SlackAnswer<string>> OpenViewAsync(string triggerId, JsonObject view, CancellationToken cancellationToken) =>
        CallAsync(
            "views.open",
            JsonBody(new JsonObject { ["trigger_id"] = triggerId, ["view"] = view.DeepClone() }),
            answer => answer["view"]?["id"]?.GetValue<string>(),
            cancellationToken);

    /// <summary>
    /// A Socket Mode WebSocket address, asked for with the app-level token (<c>Slack:AppToken</c>); each address is good
    /// for one connection: https://docs.slack.dev/reference/methods/apps.connections.open
    /// </summary>
    public Task<SlackAnswer<Uri>> OpenConnectionAsync(CancellationToken cancellationToken) =>
        CallAsync(
            "apps.connections.open",
            Form(),
            answer => Uri.TryCreate(answer["url"]?.GetValue<string>(), UriKind.Absolute, out var url) ? url : null,
            cancellationToken,
            asApp: true);

    /// <param name="asApp">Calls with the app-level token, which only the <c>apps.connections.*</c> methods take.</param>
    private async Task<SlackAnswer<T>> CallAsync<T>(
        string method, HttpContent content, Func<JsonObject, T?> read, CancellationToken cancellationToken, bool asApp = false)
    {
        using var body = content;
        if ((asApp ? options.Value.AppToken : options.Value.BotToken) is not { Length: > 0 } token)
        {
            return SlackAnswer<T>.Failed(SlackErrors.NotConfigured(asApp ? "Slack:AppToken" : "Slack:BotToken"));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(method, UriKind.Relative)) { Content = body };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            // A rate-limited call is answered HTTP 429 with Retry-After in seconds:
            // https://docs.slack.dev/apis/web-api/rate-limits#responding
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var retryAfter = response.Headers.RetryAfter?.Delta;
                logger.SlackRateLimited(method, retryAfter);
                return SlackAnswer<T>.Failed(SlackErrors.RateLimited(method), "ratelimited", retryAfter);
            }

            if (!response.IsSuccessStatusCode)
            {
                var why = $"it answered HTTP {(int)response.StatusCode}";
                logger.SlackUnanswered(method, why);
                return SlackAnswer<T>.Failed(SlackErrors.Unavailable(method, why));
            }

            var answer = await JsonNode.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken) as JsonObject;
            if (answer?["ok"]?.GetValue<bool>() == true && read(answer) is { } value)
            {
                return SlackAnswer<T>.Success(value);
            }

            var slackError = answer?["error"]?.GetValue<string>() ?? "invalid_response";
            logger.SlackRefused(method, slackError);
            return SlackAnswer<T>.Failed(SlackErrors.FromSlack(method, slackError), slackError);
        }
        catch (HttpRequestException exception)
        {
            return Unanswered<T>(method, $"the connection failed ({exception.HttpRequestError})");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Unanswered<T>(method, $"no answer within {http.Timeout.TotalSeconds:0.#} s");
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            logger.SlackRefused(method, "invalid_response");
            return SlackAnswer<T>.Failed(SlackErrors.Unavailable(method, "its answer was not the documented JSON"), "invalid_response");
        }
    }

    private SlackAnswer<T> Unanswered<T>(string method, string why)
    {
        logger.SlackUnanswered(method, why);
        return SlackAnswer<T>.Failed(SlackErrors.Unavailable(method, why), unanswered: true);
    }

    private static T? Read<T>(JsonNode? node) => node is null ? default : node.Deserialize<T>(Json);

    private static SlackPage<T> Page<T>(JsonObject answer, string property) => new(
        answer[property]?.Deserialize<List<T>>(Json) ?? [],
        answer["response_metadata"]?["next_cursor"]?.GetValue<string>() is { Length: > 0 } next ? next : null);

    private static JsonObject Message(SlackMessageContent message) =>
        new() { ["text"] = message.Text, ["blocks"] = message.Blocks.DeepClone() };

    // Write methods take JSON; read methods take only form fields: https://docs.slack.dev/apis/web-api/#posting-json
    private static StringContent JsonBody(JsonObject body) =>
        new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static FormUrlEncodedContent Form(params (string Name, string? Value)[] fields) =>
        new(fields.Where(f => f.Value is not null).Select(f => new KeyValuePair<string, string>(f.Name, f.Value!)));

    private static string Number(int value) => Math.Clamp(value, 1, MaxPageSize).ToString(CultureInfo.InvariantCulture);
}
