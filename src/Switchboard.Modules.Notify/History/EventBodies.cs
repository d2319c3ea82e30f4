using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Switchboard.Modules.Notify.History;

/// <summary>A logged body as a person reads it.</summary>
internal static class EventBodies
{
    // The text is shown, never embedded in HTML or JSON as it stands, so nothing needs escaping beyond JSON's own.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <returns>JSON indented; anything else (Librato's form, a body that does not parse) as UTF-8 text.</returns>
    public static string Readable(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return JsonSerializer.Serialize(document.RootElement, Indented);
        }
        catch (JsonException)
        {
            return Encoding.UTF8.GetString(body);
        }
    }

    /// <returns>The text, or its first <paramref name="limit"/> characters and whether it was cut.</returns>
    public static (string Text, bool Cut) Shortened(string text, int limit) =>
        text.Length <= limit ? (text, false) : (text[..limit], true);
}
