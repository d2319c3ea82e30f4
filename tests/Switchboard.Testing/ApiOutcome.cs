using System.Net;
using System.Text.Json;

namespace Switchboard.Testing;

/// <summary>What a client got back from the API: a reply's text, or a problem's code and detail.</summary>
public sealed record ApiOutcome(HttpStatusCode Status, string? Text, string? Code, string? Detail, JsonElement Body)
{
    public bool IsSuccess => Status == HttpStatusCode.OK;

    /// <summary>The value of a reply's key/value field, wherever it sits among the blocks.</summary>
    public string? Field(string name) => FieldIn(Body.TryGetProperty("blocks", out var blocks) ? blocks : default, name);

    public static async Task<ApiOutcome> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var raw = await response.Content.ReadAsStringAsync(cancellationToken);
        var body = raw.Length == 0 ? default : JsonDocument.Parse(raw).RootElement.Clone();
        return new ApiOutcome(
            response.StatusCode,
            StringProperty(body, "text"),
            StringProperty(body, "code"),
            StringProperty(body, "detail"),
            body);
    }

    private static string? FieldIn(JsonElement blocks, string name)
    {
        if (blocks.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var block in blocks.EnumerateArray())
        {
            var found = block.GetProperty("type").GetString() switch
            {
                "fields" => block.GetProperty("fields").EnumerateArray()
                    .Where(f => f.GetProperty("name").GetString() == name)
                    .Select(f => f.GetProperty("value").GetString())
                    .FirstOrDefault(),
                "section" => FieldIn(block.GetProperty("blocks"), name),
                _ => null,
            };
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }

    private static string? StringProperty(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
