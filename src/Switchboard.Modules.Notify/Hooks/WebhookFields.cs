using System.Text;
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

    /// <summary>
    /// The string or number at <paramref name="path"/> of a JSON body, read without building a document (the ingress
    /// reads one key of bodies of many kilobytes); null when there is none or the body is not JSON.
    /// </summary>
    public static string? Find(ReadOnlySpan<byte> body, params ReadOnlySpan<string> path)
    {
        var reader = new Utf8JsonReader(body);
        try
        {
            if (!reader.Read())
            {
                return null;
            }

            foreach (var name in path)
            {
                if (reader.TokenType != JsonTokenType.StartObject || !MoveToValueOf(ref reader, name))
                {
                    return null;
                }
            }

            return reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString(),
                JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
                _ => null,
            };
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

    /// <summary>From the start of an object, moves to the value of its property <paramref name="name"/>.</summary>
    private static bool MoveToValueOf(ref Utf8JsonReader reader, string name)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var found = reader.ValueTextEquals(name);
            reader.Read();
            if (found)
            {
                return true;
            }

            reader.Skip();
        }

        return false;
    }
}
