using System.Text.Json.Nodes;

namespace Switchboard.Emulators.Slack.WebApi;

/// <summary>
/// The limits Slack enforces on a message's blocks (https://docs.slack.dev/reference/block-kit/blocks), which it
/// answers with <c>invalid_blocks</c>. Public so that tests can check a renderer's output against the same rules.
/// </summary>
public static class BlockKitLimits
{
    public const int BlocksPerMessage = 50;
    public const int SectionText = 3000;
    public const int FieldsPerSection = 10;
    public const int FieldText = 2000;
    public const int ElementsPerActions = 25;
    public const int ElementsPerContext = 10;
    public const int HeaderText = 150;
    public const int ButtonText = 75;
    public const int ButtonValue = 2000;
    public const int ActionId = 255;
    public const int BlockId = 255;
    public const int ConfirmTitle = 100;
    public const int ConfirmText = 300;
    public const int ConfirmButton = 30;

    // Modals: https://docs.slack.dev/reference/views/modal-views and the input block's and its elements' pages.
    public const int BlocksPerModal = 100;
    public const int ModalTitle = 24;
    public const int PrivateMetadata = 3000;
    public const int CallbackId = 255;
    public const int InputLabel = 2000;
    public const int InputHint = 2000;
    public const int TextInputMaxLength = 3000;
    public const int SelectOptions = 100;
    public const int CheckboxOptions = 10;
    public const int OptionText = 75;
    public const int OptionValue = 150;

    /// <summary>The first limit the blocks break, described; null when Slack would take them.</summary>
    public static string? Violation(JsonArray blocks)
    {
        if (blocks.Count > BlocksPerMessage)
        {
            return $"{blocks.Count} blocks, more than {BlocksPerMessage}";
        }

        foreach (var (node, index) in blocks.Select((b, i) => (b, i)))
        {
            if ((node is JsonObject block ? Violation(block) : "not an object") is { } violation)
            {
                return $"block {index}: {violation}";
            }
        }

        return null;
    }

    /// <summary>The first limit a modal view breaks, described; null when <c>views.open</c> would take it.</summary>
    public static string? ModalViolation(JsonObject view)
    {
        if (view["type"]?.GetValue<string>() != "modal")
        {
            return "a view's type must be modal";
        }

        if (TextLength(view["title"]) is 0 or > ModalTitle || TextLength(view["submit"]) > ModalTitle || TextLength(view["close"]) > ModalTitle)
        {
            return $"title, submit and close must be 1 to {ModalTitle} characters";
        }

        if (Length(view["private_metadata"]) > PrivateMetadata || Length(view["callback_id"]) > CallbackId)
        {
            return "private_metadata or callback_id too long";
        }

        if (view["blocks"] is not JsonArray blocks || blocks.Count > BlocksPerModal)
        {
            return $"a modal holds up to {BlocksPerModal} blocks";
        }

        return blocks.Select((node, index) => node is JsonObject block
                ? (block["type"]?.GetValue<string>() == "input" ? InputViolation(block) : Violation(block)) is { } violation ? $"block {index}: {violation}" : null
                : $"block {index}: not an object")
            .FirstOrDefault(v => v is not null);
    }

    private static string? InputViolation(JsonObject input)
    {
        if (TextLength(input["label"]) is 0 or > InputLabel || TextLength(input["hint"]) > InputHint || Length(input["block_id"]) > BlockId)
        {
            return "an input's label, hint or block_id is too long, or the label is missing";
        }

        if (input["element"] is not JsonObject element || Length(element["action_id"]) > ActionId)
        {
            return "an input needs an element, with an action_id of up to 255";
        }

        var options = element["options"] as JsonArray;
        return element["type"]?.GetValue<string>() switch
        {
            "plain_text_input" => element["max_length"]?.GetValue<int>() is > TextInputMaxLength ? $"max_length over {TextInputMaxLength}" : null,
            "static_select" when options is null || options.Count is 0 or > SelectOptions => $"a select needs 1 to {SelectOptions} options",
            "checkboxes" when options is null || options.Count is 0 or > CheckboxOptions => $"checkboxes need 1 to {CheckboxOptions} options",
            "static_select" or "checkboxes" => options!.Any(o => TextLength(o?["text"]) is 0 or > OptionText || Length(o?["value"]) > OptionValue)
                ? $"an option's text must be 1 to {OptionText} characters and its value up to {OptionValue}"
                : null,
            var other => $"the input element {other} is not emulated",
        };
    }

    private static string? Violation(JsonObject block)
    {
        if (Length(block["block_id"]) > BlockId)
        {
            return "block_id too long";
        }

        switch (block["type"]?.GetValue<string>())
        {
            case "section":
                var fields = block["fields"] as JsonArray;
                if (block["text"] is null && fields is null)
                {
                    return "a section needs text or fields";
                }

                return TextLength(block["text"]) > SectionText ? $"section text over {SectionText}"
                    : fields?.Count > FieldsPerSection ? $"more than {FieldsPerSection} fields"
                    : fields?.Any(f => TextLength(f) > FieldText) == true ? $"a field over {FieldText}"
                    : null;
            case "context":
                var elements = block["elements"] as JsonArray;
                return elements is null || elements.Count == 0 || elements.Count > ElementsPerContext ? $"context needs 1 to {ElementsPerContext} elements"
                    : elements.Any(e => TextLength(e) > SectionText) ? $"context text over {SectionText}"
                    : null;
            case "header":
                return TextLength(block["text"]) > HeaderText ? $"header over {HeaderText}" : null;
            case "divider":
                return null;
            case "actions":
                var actions = block["elements"] as JsonArray;
                if (actions is null || actions.Count == 0 || actions.Count > ElementsPerActions)
                {
                    return $"actions needs 1 to {ElementsPerActions} elements";
                }

                return actions.Select(a => a is JsonObject button ? ButtonViolation(button) : "an element is not an object").FirstOrDefault(v => v is not null);
            default:
                return $"unknown block type {block["type"]}";
        }
    }

    private static string? ButtonViolation(JsonObject button)
    {
        if (button["type"]?.GetValue<string>() != "button")
        {
            return "only buttons are emulated in actions";
        }

        if (TextLength(button["text"]) is 0 or > ButtonText)
        {
            return $"button text must be 1 to {ButtonText}";
        }

        if (Length(button["value"]) > ButtonValue || Length(button["action_id"]) > ActionId)
        {
            return "button value or action_id too long";
        }

        if (button["style"] is { } style && style.GetValue<string>() is not ("primary" or "danger"))
        {
            return "button style must be primary or danger";
        }

        return button["confirm"] is JsonObject confirm
            && (TextLength(confirm["title"]) > ConfirmTitle || TextLength(confirm["text"]) > ConfirmText
                || TextLength(confirm["confirm"]) > ConfirmButton || TextLength(confirm["deny"]) > ConfirmButton)
            ? "confirm dialog text too long"
            : null;
    }

    private static int TextLength(JsonNode? textObject) => Length(textObject?["text"]);

    private static int Length(JsonNode? value) => value is JsonValue text && text.TryGetValue<string>(out var s) ? s.Length : 0;
}
