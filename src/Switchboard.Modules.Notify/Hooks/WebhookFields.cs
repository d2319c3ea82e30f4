using System.Text.Json;
using Switchboard.Core.Events;

namespace Switchboard.Modules.Notify.Hooks;

/// <summary>Reads the few headers and body fields a scheme needs before the event is appended.</summary>
internal static class WebhookFields
{
    /// <summary>The event type of a verified body whose type cannot be read.</summary>
    public const string Unparseable = "unparseable";

    public static string? Header(this WebhookRequest request, string name) =>
        request.Headers.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>The body's JSON, or null when it is not JSON: a verified body is accepted either way.</summary>
    public static JsonElement? Json(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The string or number at <paramref name="path"/>, or null when there is none.</summary>
    public static string? Text(JsonElement? json, params ReadOnlySpan<string> path)
    {
        if (json is not { } element)
        {
            return null;
        }

        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind switch
        {
            JsonValueKind.String => element.GetString(),
            JsonValueKind.Number => element.GetRawText(),
            _ => null,
        };
    }
}
