using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchboard.Core.Replies;

/// <summary>The one JSON shape of replies: the API returns it and idempotency records store it.</summary>
public static class ReplyJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(Reply reply) => JsonSerializer.Serialize(reply, Options);

    public static Reply Deserialize(string json) =>
        JsonSerializer.Deserialize<Reply>(json, Options) ?? throw new JsonException("A stored reply was empty.");
}
