using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Switchboard.Core.Commands;

namespace Switchboard.Modules.Slack.Forms;

/// <summary>
/// A command as a Slack modal: one input per argument, read from the command's signature, so every command has a form
/// and none needs one written for it. A submission comes back as a <c>view_submission</c> whose values are the
/// arguments by name, the same structured request the HTTP API takes.
/// https://docs.slack.dev/surfaces/modals and https://docs.slack.dev/reference/interaction-payloads/view-interactions-payload
/// </summary>
internal static class CommandForm
{
    /// <summary>The <c>callback_id</c> of Switchboard's forms: a submission of any other view is not Switchboard's.</summary>
    public const string CallbackId = "switchboard_command";

    /// <summary>Every input's element carries this <c>action_id</c>; its block is named after the argument.</summary>
    private const string ValueAction = "value";

    // Slack's limits: a title 24 characters, a label and a hint 2,000, a text input's max_length 3,000.
    private const int MaxTitle = 24;
    private const int MaxLabel = 2000;
    private const int MaxInput = 3000;

    /// <summary>The modal for the command, with where its answer goes kept in the view's <c>private_metadata</c>.</summary>
    public static JsonObject ViewFor(CommandRegistration command, FormOrigin origin)
    {
        var blocks = new JsonArray(new JsonObject
        {
            ["type"] = "section",
            ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = Limit($"*{command.Verb}*: {command.Definition.Summary}", MaxLabel) },
        });
        foreach (var argument in command.Signature.Arguments)
        {
            blocks.Add(Input(argument));
        }

        return new JsonObject
        {
            ["type"] = "modal",
            ["callback_id"] = CallbackId,
            ["private_metadata"] = JsonSerializer.Serialize(origin with { Verb = command.Verb }),
            ["title"] = PlainText(Limit(command.Verb, MaxTitle)),
            ["submit"] = PlainText("Run"),
            ["close"] = PlainText("Cancel"),
            ["blocks"] = blocks,
        };
    }

    /// <summary>The arguments a submission filled in, by name: an empty input is left out, a ticked box is <c>true</c>.</summary>
    public static Dictionary<string, string?> ArgumentsOf(JsonElement stateValues)
    {
        var arguments = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var block in stateValues.EnumerateObject())
        {
            if (!block.Value.TryGetProperty(ValueAction, out var input))
            {
                continue;
            }

            var value = input.TryGetProperty("selected_option", out var selected) && selected.ValueKind == JsonValueKind.Object ? selected.GetProperty("value").GetString()
                : input.TryGetProperty("selected_options", out var ticked) && ticked.ValueKind == JsonValueKind.Array ? (ticked.GetArrayLength() > 0 ? "true" : null)
                : input.TryGetProperty("value", out var typed) && typed.ValueKind == JsonValueKind.String ? typed.GetString()
                : null;
            if (!string.IsNullOrWhiteSpace(value))
            {
                arguments[block.Name] = value.Trim();
            }
        }

        return arguments;
    }

    private static JsonObject Input(ArgumentDescriptor argument) => new()
    {
        ["type"] = "input",
        ["block_id"] = argument.Name,
        ["label"] = PlainText(Limit(argument.Kind == ArgumentKind.Positional ? argument.Name : "--" + argument.Name, MaxLabel)),
        ["hint"] = PlainText(Limit(argument.Help + (argument.Repeats ? " Several: separate them with commas." : ""), MaxLabel)),
        ["optional"] = !argument.IsRequired,
        ["element"] = Element(argument),
    };

    private static JsonObject Element(ArgumentDescriptor argument)
    {
        if (argument.Kind == ArgumentKind.Flag)
        {
            return new JsonObject
            {
                ["type"] = "checkboxes",
                ["action_id"] = ValueAction,
                ["options"] = new JsonArray(Option("Yes", "true")),
            };
        }

        if (argument.Type.IsEnum)
        {
            var choices = argument.TypeName["one of ".Length..].Split('|');
            return new JsonObject
            {
                ["type"] = "static_select",
                ["action_id"] = ValueAction,
                ["options"] = new JsonArray(choices.Select(choice => (JsonNode)Option(choice, choice)).ToArray()),
            };
        }

        var input = new JsonObject { ["type"] = "plain_text_input", ["action_id"] = ValueAction };
        if (argument.MaxLength is > 0 and <= MaxInput)
        {
            input["max_length"] = argument.MaxLength;
        }

        if (argument.DefaultValue is { } defaultValue)
        {
            input["placeholder"] = PlainText(Limit($"{defaultValue}".ToLowerInvariant(), 150));
        }

        return input;
    }

    private static JsonObject Option(string text, string value) => new() { ["text"] = PlainText(text), ["value"] = value };

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text };

    private static string Limit(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}

/// <summary>
/// What a form remembers between opening and submission, in the view's <c>private_metadata</c> (at most 3,000
/// characters): the command, and where its answer goes.
/// </summary>
/// <param name="ResponseUrl">The opening command's or click's <c>response_url</c>, to answer the submission where it began.</param>
internal sealed record FormOrigin(
    [property: JsonPropertyName("verb")] string Verb,
    [property: JsonPropertyName("response_url")] Uri? ResponseUrl,
    [property: JsonPropertyName("channel")] string? Channel)
{
    /// <returns>The origin, or null when the metadata is not one Switchboard wrote.</returns>
    public static FormOrigin? Read(string? privateMetadata)
    {
        try
        {
            return string.IsNullOrEmpty(privateMetadata) ? null
                : JsonSerializer.Deserialize<FormOrigin>(privateMetadata) is { Verb.Length: > 0 } origin ? origin : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
