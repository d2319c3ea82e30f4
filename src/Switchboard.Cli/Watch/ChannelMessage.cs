using System.Text.Json;
using Switchboard.Core.Replies;

namespace Switchboard.Cli.Watch;

/// <summary>
/// One message of <c>GET /api/channels/{channel}/messages</c>. <see cref="Reply"/> is null when this sb
/// cannot read the blocks a newer server sent; <see cref="Text"/> is always there. <see cref="Json"/> is the
/// message as the server sent it, for <c>--json</c>.
/// </summary>
internal sealed record ChannelMessage(long Id, Guid? Author, string? AuthorHandle, string Text, Reply? Reply, DateTimeOffset PostedAt, string Json)
{
    /// <exception cref="JsonException">The body is not a list of messages.</exception>
    public static IReadOnlyList<ChannelMessage> ParseAll(string body)
    {
        using var document = JsonDocument.Parse(body);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("Expected a list of messages.");
        }

        return document.RootElement.EnumerateArray().Select(Parse).ToList();
    }

    private static ChannelMessage Parse(JsonElement message)
    {
        try
        {
            return new ChannelMessage(
                message.GetProperty("id").GetInt64(),
                message.TryGetProperty("author", out var author) && author.ValueKind == JsonValueKind.String ? author.GetGuid() : null,
                message.TryGetProperty("authorHandle", out var handle) && handle.ValueKind == JsonValueKind.String ? handle.GetString() : null,
                message.GetProperty("text").GetString() ?? "",
                ReplyOf(message),
                message.GetProperty("postedAt").GetDateTimeOffset(),
                message.GetRawText());
        }
        catch (Exception exception) when (exception is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new JsonException("A message lacks its id, text or time.", exception);
        }
    }

    private static Reply? ReplyOf(JsonElement message)
    {
        if (!message.TryGetProperty("reply", out var reply))
        {
            return null;
        }

        try
        {
            return reply.Deserialize<Reply>(ReplyJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
