using System.Text;
using System.Text.Json;
using Switchboard.Modules.Slack.Inbound;

namespace Switchboard.Modules.Slack.SocketMode;

/// <summary>
/// One message Slack sends over a Socket Mode connection: <c>hello</c>, <c>disconnect</c>, or an envelope that carries
/// what Slack would otherwise have POSTed to a Request URL and waits for its <c>envelope_id</c> back.
/// https://docs.slack.dev/apis/events-api/using-socket-mode
/// </summary>
/// <param name="Reason">For <c>disconnect</c>: <c>warning</c>, <c>refresh_requested</c> or <c>link_disabled</c>.</param>
internal sealed record SocketModeMessage(string Type, string? EnvelopeId, string? Reason, JsonElement Payload)
{
    public const string Hello = "hello";
    public const string Disconnect = "disconnect";

    /// <returns>The message, or null when it is not the JSON object Slack sends.</returns>
    public static SocketModeMessage? Parse(ReadOnlyMemory<byte> text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || StringOf(root, "type") is not { } type)
            {
                return null;
            }

            return new SocketModeMessage(
                type,
                StringOf(root, "envelope_id"),
                StringOf(root, "reason"),
                root.TryGetProperty("payload", out var payload) ? payload.Clone() : default);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The body Slack would have sent the matching endpoint over HTTP, and the keys it is appended under there: the log
    /// holds one shape per kind of request however it arrived, and a request that came both ways is one request.
    /// </summary>
    /// <returns>Null for an envelope type Switchboard does not take.</returns>
    public (byte[] Body, IngressKeys Keys)? AsRequest()
    {
        if (Payload.ValueKind != JsonValueKind.Object)
        {
            return Type is "events_api" or "slash_commands" or "interactive"
                ? ([], IngressKeys.Malformed("The envelope carries no payload object."))
                : null;
        }

        switch (Type)
        {
            case "events_api":
                var callback = Encoding.UTF8.GetBytes(Payload.GetRawText());
                return (callback, SlackRequestKeys.OfEvent(callback).Keys);
            case "slash_commands":
                var command = Form(Payload.EnumerateObject().Select(field =>
                    (field.Name, field.Value.ValueKind == JsonValueKind.String ? field.Value.GetString()! : field.Value.GetRawText())));
                return (command, SlackRequestKeys.OfCommand(command));
            case "interactive":
                var interaction = Form([("payload", Payload.GetRawText())]);
                return (interaction, SlackRequestKeys.OfInteraction(interaction));
            default:
                return null;
        }
    }

    private static byte[] Form(IEnumerable<(string Name, string Value)> fields) =>
        Encoding.UTF8.GetBytes(string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Name) + "=" + Uri.EscapeDataString(f.Value))));

    private static string? StringOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
