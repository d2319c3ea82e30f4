using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Switchboard.Emulators.Slack.SocketMode;

namespace Switchboard.Emulators.Slack.WebApi;

/// <summary>
/// <c>POST /api/{method}</c> as Slack's Web API serves it (https://docs.slack.dev/apis/web-api/): arguments as a form,
/// or as JSON for the write methods only; the token as <c>Authorization: Bearer</c> or a <c>token</c> argument; HTTP 200
/// with <c>{"ok": false, "error": "..."}</c> for every refusal except rate limiting, which is HTTP 429 with
/// <c>Retry-After</c> (https://docs.slack.dev/apis/web-api/rate-limits).
/// </summary>
internal static class WebApiEndpoint
{
    // "JSON-encoded bodies" are accepted by write methods only; read methods take their arguments from a form or the
    // query string: https://docs.slack.dev/apis/web-api/#posting-json
    private static readonly HashSet<string> JsonMethods = new(StringComparer.Ordinal)
    {
        "chat.postMessage", "chat.update", "chat.postEphemeral", "conversations.open", "views.open",
    };

    public static void MapWebApi(this IEndpointRouteBuilder app, SlackState state, SlackSocketMode socketMode) =>
        app.MapPost("/api/{method}", (HttpContext context, string method) => AnswerAsync(context, method, state, socketMode));

    private static async Task AnswerAsync(HttpContext context, string method, SlackState state, SlackSocketMode socketMode)
    {
        var arguments = await ArgumentsAsync(context.Request, method);
        var token = context.Request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.Ordinal)
            ? header["Bearer ".Length..].Trim()
            : arguments.GetValueOrDefault("token");
        arguments.Remove("token");

        if (state.TakeRateLimit(method) is { } retryAfter)
        {
            state.Record(new SlackCall(method, arguments, StatusCodes.Status429TooManyRequests, "ratelimited", state.Clock.GetUtcNow()));
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            await context.Response.WriteAsJsonAsync(Failure("ratelimited"));
            return;
        }

        // The app-level token opens Socket Mode connections and nothing else; the bot token everything but that.
        // https://docs.slack.dev/reference/methods/apps.connections.open
        var answer = string.IsNullOrEmpty(token) ? Failure("not_authed")
            : token != state.BotToken && token != state.AppToken ? Failure("invalid_auth")
            : (token == state.AppToken) != (method == "apps.connections.open") ? Failure("not_allowed_token_type")
            : method == "apps.connections.open" ? Success(new JsonObject { ["url"] = socketMode.IssueUrl(context.Request.Host) })
            : Dispatch(state, method, arguments);

        if (state.TakeTimeOut(method))
        {
            state.Record(new SlackCall(method, arguments, 0, null, state.Clock.GetUtcNow()));
            // Done, and never answered: the caller's own time-out ends the request.
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        var error = answer["ok"]!.GetValue<bool>() ? null : answer["error"]!.GetValue<string>();
        state.Record(new SlackCall(method, arguments, StatusCodes.Status200OK, error, state.Clock.GetUtcNow()));
        await context.Response.WriteAsJsonAsync(answer);
    }

    private static async Task<Dictionary<string, string>> ArgumentsAsync(HttpRequest request, string method)
    {
        var arguments = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        if (request.HasFormContentType)
        {
            foreach (var (key, value) in await request.ReadFormAsync())
            {
                arguments[key] = value.ToString();
            }
        }
        else if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true && JsonMethods.Contains(method))
        {
            var body = await JsonNode.ParseAsync(request.Body) as JsonObject ?? [];
            foreach (var (key, value) in body)
            {
                arguments[key] = value is JsonValue scalar && scalar.TryGetValue<string>(out var text) ? text : value?.ToJsonString() ?? "";
            }
        }

        return arguments;
    }

    private static JsonObject Dispatch(SlackState state, string method, Dictionary<string, string> arguments) => method switch
    {
        "auth.test" => Success(new JsonObject
        {
            ["url"] = $"https://{SlackState.TeamDomain}.slack.com/",
            ["team"] = SlackState.TeamName,
            ["user"] = "switchboard",
            ["team_id"] = SlackState.TeamId,
            ["user_id"] = SlackState.BotUserId,
            ["bot_id"] = SlackState.BotId,
            ["is_enterprise_install"] = false,
        }),
        "chat.postMessage" => PostMessage(state, arguments),
        "chat.update" => Update(state, arguments),
        "chat.postEphemeral" => PostEphemeral(state, arguments),
        "users.info" => state.User(arguments.GetValueOrDefault("user") ?? "") is { } user
            ? Success(new JsonObject { ["user"] = UserJson(user) })
            : Failure("user_not_found"),
        "users.lookupByEmail" => state.UserByEmail(arguments.GetValueOrDefault("email") ?? "") is { } byEmail
            ? Success(new JsonObject { ["user"] = UserJson(byEmail) })
            : Failure("users_not_found"),
        "conversations.open" => Open(state, arguments),
        "conversations.info" => state.Channel(arguments.GetValueOrDefault("channel") ?? "") is { } channel
            ? Success(new JsonObject { ["channel"] = ChannelJson(channel) })
            : Failure("channel_not_found"),
        "conversations.list" => List(state, arguments),
        "conversations.history" => History(state, arguments, replies: false),
        "conversations.replies" => History(state, arguments, replies: true),
        "views.open" => OpenView(state, arguments),
        _ => Failure("unknown_method"),
    };

    private static JsonObject PostMessage(SlackState state, Dictionary<string, string> arguments)
    {
        if (Writable(state, arguments.GetValueOrDefault("channel")) is { } refusal)
        {
            return refusal;
        }

        var (text, blocks, refused) = Content(arguments);
        if (refused is not null)
        {
            return refused;
        }

        JsonObject? metadata = null;
        if (arguments.TryGetValue("metadata", out var metadataText))
        {
            metadata = ParseObject(metadataText);
            if (metadata?["event_type"] is not JsonValue || metadata["event_payload"] is not JsonObject)
            {
                return Failure("invalid_metadata_format");
            }
        }

        var threadTs = arguments.GetValueOrDefault("thread_ts");
        var channel = state.Channel(arguments["channel"])!;
        if (threadTs is not null && state.Message(channel.Id, threadTs) is not { ThreadTs: null })
        {
            return Failure("thread_not_found");
        }

        var message = state.Post(channel.Id, threadTs, text, blocks, metadata);
        return Success(new JsonObject { ["channel"] = channel.Id, ["ts"] = message.Ts, ["message"] = MessageJson(message, withMetadata: false) });
    }

    private static JsonObject Update(SlackState state, Dictionary<string, string> arguments)
    {
        if (state.Channel(arguments.GetValueOrDefault("channel") ?? "") is not { } channel)
        {
            return Failure("channel_not_found");
        }

        if (state.Message(channel.Id, arguments.GetValueOrDefault("ts") ?? "") is not { } message)
        {
            return Failure("message_not_found");
        }

        if (message.User != SlackState.BotUserId)
        {
            return Failure("cant_update_message");
        }

        var (text, blocks, refused) = Content(arguments);
        if (refused is not null)
        {
            return refused;
        }

        message.Text = text;
        message.Blocks = blocks;
        message.EditedTs = message.Ts;
        return Success(new JsonObject { ["channel"] = channel.Id, ["ts"] = message.Ts, ["text"] = text, ["message"] = MessageJson(message, withMetadata: false) });
    }

    private static JsonObject PostEphemeral(SlackState state, Dictionary<string, string> arguments)
    {
        if (Writable(state, arguments.GetValueOrDefault("channel")) is { } refusal)
        {
            return refusal;
        }

        var channel = state.Channel(arguments["channel"])!;
        var user = arguments.GetValueOrDefault("user") ?? "";
        if (state.User(user) is null)
        {
            return Failure("user_not_found");
        }

        if (!channel.Members.Contains(user))
        {
            return Failure("user_not_in_channel");
        }

        var (text, blocks, refused) = Content(arguments);
        if (refused is not null)
        {
            return refused;
        }

        return Success(new JsonObject { ["message_ts"] = state.PostEphemeral(channel.Id, user, text, blocks).MessageTs });
    }

    private static JsonObject Open(SlackState state, Dictionary<string, string> arguments)
    {
        if (arguments.GetValueOrDefault("channel") is { } existing)
        {
            return state.Channel(existing) is { IsIm: true } im ? Success(new JsonObject { ["channel"] = new JsonObject { ["id"] = im.Id } }) : Failure("channel_not_found");
        }

        var users = (arguments.GetValueOrDefault("users") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (users.Length == 0)
        {
            return Failure("users_list_not_supplied");
        }

        if (users.Length > 1)
        {
            return Failure("not_enough_users");
        }

        return state.User(users[0]) is { Deleted: false } user
            ? Success(new JsonObject { ["channel"] = new JsonObject { ["id"] = state.OpenIm(user.Id).Id } })
            : Failure("user_not_found");
    }

    private static JsonObject List(SlackState state, Dictionary<string, string> arguments)
    {
        var types = (arguments.GetValueOrDefault("types") ?? "public_channel").Split(',', StringSplitOptions.TrimEntries);
        var excludeArchived = IsTrue(arguments.GetValueOrDefault("exclude_archived"));
        var matching = state.Channels()
            .Where(c => (c.IsIm && types.Contains("im")) || (!c.IsIm && types.Contains(c.IsPrivate ? "private_channel" : "public_channel")))
            .Where(c => !excludeArchived || !c.IsArchived)
            .ToList();
        var (page, next) = Page(matching, arguments, c => c.Id, limitDefault: 100);
        return Success(new JsonObject
        {
            ["channels"] = new JsonArray(page.Select(c => (JsonNode)ChannelJson(c)).ToArray()),
            ["response_metadata"] = new JsonObject { ["next_cursor"] = next },
        });
    }

    /// <summary>
    /// History lists the channel's top-level messages newest first; replies lists a thread's parent and its replies,
    /// oldest first. Either shows a message's metadata only with <c>include_all_metadata</c>.
    /// </summary>
    private static JsonObject History(SlackState state, Dictionary<string, string> arguments, bool replies)
    {
        if (state.Channel(arguments.GetValueOrDefault("channel") ?? "") is not { } channel)
        {
            return Failure("channel_not_found");
        }

        if (!channel.Members.Contains(SlackState.BotUserId))
        {
            return Failure("not_in_channel");
        }

        var all = state.MessagesIn(channel.Id);
        List<SlackMessage> messages;
        if (replies)
        {
            var ts = arguments.GetValueOrDefault("ts") ?? "";
            if (!all.Any(m => m.Ts == ts))
            {
                return Failure("thread_not_found");
            }

            messages = all.Where(m => m.Ts == ts || m.ThreadTs == ts).ToList();
        }
        else
        {
            messages = all.Where(m => m.ThreadTs is null).Reverse().ToList();
        }

        var withMetadata = IsTrue(arguments.GetValueOrDefault("include_all_metadata"));
        var (page, next) = Page(messages, arguments, m => m.Ts, limitDefault: 100);
        return Success(new JsonObject
        {
            ["messages"] = new JsonArray(page.Select(m => (JsonNode)MessageJson(m, withMetadata)).ToArray()),
            ["has_more"] = next.Length > 0,
            ["pin_count"] = 0,
            ["response_metadata"] = new JsonObject { ["next_cursor"] = next },
        });
    }

    private static JsonObject OpenView(SlackState state, Dictionary<string, string> arguments)
    {
        if (!state.UseTrigger(arguments.GetValueOrDefault("trigger_id") ?? ""))
        {
            return Failure("invalid_trigger_id");
        }

        if (ParseObject(arguments.GetValueOrDefault("view")) is not { } view || BlockKitLimits.ModalViolation(view) is not null)
        {
            return Failure("invalid_arguments");
        }

        view["id"] = state.NewViewId();
        view["team_id"] = SlackState.TeamId;
        return Success(new JsonObject { ["view"] = view });
    }

    private static JsonObject? Writable(SlackState state, string? channelId)
    {
        if (state.Channel(channelId ?? "") is not { } channel)
        {
            return Failure("channel_not_found");
        }

        if (channel.IsArchived)
        {
            return Failure("is_archived");
        }

        return channel.Members.Contains(SlackState.BotUserId) ? null : Failure("not_in_channel");
    }

    /// <summary>The message's text and blocks, checked against Slack's limits as <c>chat.postMessage</c> checks them.</summary>
    private static (string Text, JsonArray? Blocks, JsonObject? Error) Content(Dictionary<string, string> arguments)
    {
        var text = arguments.GetValueOrDefault("text");
        JsonArray? blocks = null;
        if (arguments.TryGetValue("blocks", out var blocksText))
        {
            blocks = ParseArray(blocksText);
            if (blocks is null || BlockKitLimits.Violation(blocks) is not null)
            {
                return ("", null, Failure("invalid_blocks"));
            }
        }

        if (string.IsNullOrEmpty(text) && blocks is null)
        {
            return ("", null, Failure("no_text"));
        }

        // Text beyond 40,000 characters is refused: https://docs.slack.dev/reference/methods/chat.postMessage#truncating
        return text?.Length > 40_000 ? ("", null, Failure("msg_too_long")) : (text ?? "", blocks, null);
    }

    private static (List<T> Page, string Next) Page<T>(List<T> items, Dictionary<string, string> arguments, Func<T, string> key, int limitDefault)
    {
        var limit = int.TryParse(arguments.GetValueOrDefault("limit"), NumberStyles.None, CultureInfo.InvariantCulture, out var asked) && asked > 0
            ? Math.Min(asked, 1000)
            : limitDefault;
        var start = 0;
        if (arguments.GetValueOrDefault("cursor") is { Length: > 0 } cursor)
        {
            var after = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            start = items.FindIndex(i => key(i) == after) + 1;
        }

        var page = items.Skip(start).Take(limit).ToList();
        var next = start + page.Count < items.Count ? Convert.ToBase64String(Encoding.UTF8.GetBytes(key(page[^1]))) : "";
        return (page, next);
    }

    private static JsonObject UserJson(SlackUser user) => new()
    {
        ["id"] = user.Id,
        ["team_id"] = SlackState.TeamId,
        ["name"] = user.Name,
        ["deleted"] = user.Deleted,
        ["real_name"] = user.RealName,
        ["tz"] = "Europe/London",
        ["is_bot"] = user.IsBot,
        ["is_restricted"] = user.IsUltraRestricted,
        ["is_ultra_restricted"] = user.IsUltraRestricted,
        ["profile"] = new JsonObject
        {
            ["real_name"] = user.RealName,
            ["display_name"] = user.Name,
            ["email"] = user.Email,
            ["team"] = SlackState.TeamId,
        },
    };

    private static JsonObject ChannelJson(SlackChannel channel) => channel.IsIm
        ? new JsonObject { ["id"] = channel.Id, ["is_im"] = true, ["user"] = channel.Members.First(m => m != SlackState.BotUserId), ["created"] = channel.Created.ToUnixTimeSeconds() }
        : new JsonObject
        {
            ["id"] = channel.Id,
            ["name"] = channel.Name,
            ["is_channel"] = !channel.IsPrivate,
            ["is_group"] = false,
            ["is_im"] = false,
            ["is_private"] = channel.IsPrivate,
            ["is_archived"] = channel.IsArchived,
            ["is_member"] = channel.Members.Contains(SlackState.BotUserId),
            ["created"] = channel.Created.ToUnixTimeSeconds(),
            ["context_team_id"] = SlackState.TeamId,
        };

    private static JsonObject MessageJson(SlackMessage message, bool withMetadata)
    {
        var json = new JsonObject
        {
            ["type"] = "message",
            ["user"] = message.User,
            ["text"] = message.Text,
            ["ts"] = message.Ts,
            ["team"] = SlackState.TeamId,
        };
        if (message.BotId is not null)
        {
            json["subtype"] = "bot_message";
            json["bot_id"] = message.BotId;
        }
        if (message.Blocks is not null)
        {
            json["blocks"] = message.Blocks.DeepClone();
        }

        if (message.ThreadTs is not null)
        {
            json["thread_ts"] = message.ThreadTs;
        }

        if (withMetadata && message.Metadata is not null)
        {
            json["metadata"] = message.Metadata.DeepClone();
        }

        return json;
    }

    private static JsonObject Success(JsonObject fields)
    {
        var answer = new JsonObject { ["ok"] = true };
        foreach (var (key, value) in fields.ToList())
        {
            fields.Remove(key);
            answer[key] = value;
        }

        return answer;
    }

    private static JsonObject Failure(string error) => new() { ["ok"] = false, ["error"] = error };

    private static bool IsTrue(string? value) => value is "true" or "1";

    private static JsonObject? ParseObject(string? text) => Parse(text) as JsonObject;

    private static JsonArray? ParseArray(string? text) => Parse(text) as JsonArray;

    private static JsonNode? Parse(string? text)
    {
        try
        {
            return text is null ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
