using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchboard.Modules.Notify.Tests.Notifications;

/// <summary>The shared vendor payloads (<c>/work/shared/fixtures</c>, see its SOURCES.md), copied beside the tests.</summary>
internal static class Fixtures
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "fixtures");

    /// <returns>Every JSON fixture of a source, as <c>source/.../file.json</c>, in a stable order.</returns>
    public static IReadOnlyList<string> Of(string source) =>
        Directory.EnumerateFiles(Path.Combine(Root, source), "*.json", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Root, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    public static JsonElement Read(string fixture) => Parse(File.ReadAllText(Path.Combine(Root, fixture)));

    /// <summary>A fixture with one change, for a case no vendor example shows.</summary>
    public static JsonElement Read(string fixture, Action<JsonNode> change)
    {
        var node = JsonNode.Parse(File.ReadAllText(Path.Combine(Root, fixture)))!;
        change(node);
        return Parse(node.ToJsonString());
    }

    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
