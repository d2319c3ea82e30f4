using System.Text.Json;
using Switchboard.Core.Replies;

namespace Switchboard.Cli.Api;

/// <summary>
/// A reply as <c>POST /api/commands</c> returns it. <see cref="Blocks"/> is null when this sb does not
/// know a block type a newer server sent; the plain <see cref="Text"/> is always there to fall back on.
/// </summary>
internal sealed record CommandReply(string Text, Severity Severity, IReadOnlyList<ReplyBlock>? Blocks)
{
    /// <exception cref="JsonException">The body is not a reply at all.</exception>
    public static CommandReply Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
        {
            throw new JsonException("The body has no \"text\": it is not a reply.");
        }

        return new CommandReply(text.GetString()!, SeverityOf(root), BlocksOf(root));
    }

    private static Severity SeverityOf(JsonElement root) =>
        root.TryGetProperty("severity", out var severity) && severity.ValueKind == JsonValueKind.String
        && Enum.TryParse<Severity>(severity.GetString()?.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var parsed)
            ? parsed
            : Severity.Info;

    private static List<ReplyBlock>? BlocksOf(JsonElement root)
    {
        if (!root.TryGetProperty("blocks", out var blocks))
        {
            return null;
        }

        try
        {
            return blocks.Deserialize<List<ReplyBlock>>(ReplyJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
