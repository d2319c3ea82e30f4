using System.Text.Json;
using System.Text.Json.Serialization;
using Switchboard.Core.Replies;

namespace Switchboard.Modules.Slack.Rendering;

/// <summary>
/// What a Block Kit button carries in its <c>value</c> (at most 2,000 characters), <c>{"command": ..., "idempotencyKey": ...}</c>:
/// the command it runs and the idempotency key of the reply's <see cref="Button"/>, so a double click, or Slack's retry,
/// runs it once. The renderer writes it and a click reads it, so this is the one place that defines it.
/// https://docs.slack.dev/reference/block-kit/block-elements/button-element
/// </summary>
internal sealed record ButtonValue(
    [property: JsonPropertyName("command")] string Command,
    [property: JsonPropertyName("idempotencyKey")] string IdempotencyKey)
{
    public const int MaxLength = 2000;

    public static ButtonValue From(Button button) => new(button.Command, button.IdempotencyKey);

    public string Encode() => JsonSerializer.Serialize(this);

    /// <returns>The value, or null when the button is not one Switchboard rendered.</returns>
    public static ButtonValue? Decode(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ButtonValue>(value) is { Command.Length: > 0, IdempotencyKey.Length: > 0 } decoded ? decoded : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
