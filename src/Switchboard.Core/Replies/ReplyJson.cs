using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchboard.Core.Replies;

/// <summary>The one JSON shape of replies: the API returns it and idempotency records store it.</summary>
public static class ReplyJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Enums as kebab-case strings and no nulls: the settings the HTTP API shares.</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        return options;
    }

    public static string Serialize(Reply reply) => JsonSerializer.Serialize(reply, Options);

    public static Reply Deserialize(string json) =>
        JsonSerializer.Deserialize<Reply>(json, Options) ?? throw new JsonException("A stored reply was empty.");
}
