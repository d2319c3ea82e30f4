using System.Text.Json;

namespace Switchboard.Modules.Notify.Notifications;

/// <summary>
/// Reads vendor payloads without trusting their shape: a missing, null or mistyped value reads as
/// null (or empty), never as an exception.
/// </summary>
internal static class JsonPayload
{
    /// <returns>The value at the path, or an undefined element when any step is missing.</returns>
    public static JsonElement At(this JsonElement element, params ReadOnlySpan<string> path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return default;
            }
        }

        return element;
    }

    /// <returns>A string, or a number as written; null when absent, null or empty.</returns>
    public static string? Text(this JsonElement element, params ReadOnlySpan<string> path)
    {
        var value = element.At(path);
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() is { Length: > 0 } text ? text : null,
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
    }

    public static bool IsTrue(this JsonElement element, params ReadOnlySpan<string> path) =>
        element.At(path).ValueKind == JsonValueKind.True;

    public static IEnumerable<JsonElement> Items(this JsonElement element, params ReadOnlySpan<string> path)
    {
        var value = element.At(path);
        return value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [];
    }

    /// <returns>An absolute http(s) URL, or null for anything else (vendors send <c>""</c> for none).</returns>
    public static Uri? Url(this JsonElement element, params ReadOnlySpan<string> path) =>
        Uri.TryCreate(element.Text(path), UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
            ? url
            : null;
}
