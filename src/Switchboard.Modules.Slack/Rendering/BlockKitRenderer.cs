using System.Globalization;
using System.Text.Json.Nodes;
using Switchboard.Core.Replies;
using Switchboard.Modules.Slack.WebApi;

namespace Switchboard.Modules.Slack.Rendering;

/// <summary>
/// The portable reply as one Slack message in Block Kit (https://docs.slack.dev/reference/block-kit/blocks). It stays
/// inside Slack's limits by splitting (long text into several sections, many fields or buttons into several blocks)
/// and, past 50 blocks, by saying visibly what was left out; it never fails.
/// </summary>
internal static class BlockKitRenderer
{
    // https://docs.slack.dev/reference/block-kit/blocks (message, section, context and actions blocks) and
    // https://docs.slack.dev/reference/block-kit/block-elements/button-element, .../composition-objects/confirmation-dialog-object
    public const int MaxBlocks = 50;
    public const int MaxSectionText = 3000;
    public const int MaxFields = 10;
    public const int MaxFieldText = 2000;
    public const int MaxActions = 25;
    public const int MaxButtonText = 75;
    public const int MaxConfirmTitle = 100;
    public const int MaxConfirmText = 300;
    public const int MaxConfirmButton = 30;

    /// <summary>Kept short for notifications and screen readers; the blocks carry the whole reply.</summary>
    public const int MaxFallbackText = 3000;

    private static readonly IReadOnlyDictionary<string, string> NoMentions = new Dictionary<string, string>();

    /// <param name="mentions">Slack user ids by lower-case handle, for the people whose Slack account is linked.</param>
    public static SlackMessageContent Render(Reply reply, IReadOnlyDictionary<string, string>? mentions = null)
    {
        mentions ??= NoMentions;
        var blocks = new List<JsonObject>();
        if (SeverityLine(reply.Severity) is { } severity)
        {
            blocks.Add(Context(severity));
        }

        var buttons = 0;
        AddBlocks(blocks, reply.Blocks, mentions, ref buttons);
        if (blocks.Count > MaxBlocks)
        {
            var left = blocks.Count - (MaxBlocks - 1);
            blocks.RemoveRange(MaxBlocks - 1, left);
            blocks.Add(Context($"_…and {left} more {(left == 1 ? "part" : "parts")} of this reply, too long for one Slack message: the Switchboard console shows it whole._"));
        }

        var fallback = Mrkdwn.Fit(Mrkdwn.Escape(PlainTextRenderer.Render(reply)), MaxFallbackText);
        return new SlackMessageContent(fallback, new JsonArray(blocks.Select(b => (JsonNode)b).ToArray()));
    }

    private static void AddBlocks(List<JsonObject> blocks, IReadOnlyList<ReplyBlock> replyBlocks, IReadOnlyDictionary<string, string> mentions, ref int buttons)
    {
        foreach (var block in replyBlocks)
        {
            switch (block)
            {
                case TextBlock text:
                    AddSections(blocks, Mrkdwn.FromMarkdown(text.Markdown, mentions));
                    break;
                case SectionBlock section:
                    AddSections(blocks, $"*{Mrkdwn.FromMarkdown(section.Title.Replace("**", "", StringComparison.Ordinal), mentions)}*");
                    AddBlocks(blocks, section.Blocks, mentions, ref buttons);
                    break;
                case FieldsBlock fields:
                    foreach (var chunk in fields.Fields.Chunk(MaxFields))
                    {
                        blocks.Add(new JsonObject
                        {
                            ["type"] = "section",
                            ["fields"] = new JsonArray(chunk.Select(f => (JsonNode)Text(Mrkdwn.Fit(
                                $"*{Mrkdwn.Escape(f.Name)}*\n{Mrkdwn.FromMarkdown(f.Value, mentions)}", MaxFieldText))).ToArray()),
                        });
                    }

                    break;
                case LinkBlock link:
                    AddSections(blocks, Mrkdwn.Link(link.Text, link.Url.AbsoluteUri));
                    break;
                case ButtonsBlock row:
                    foreach (var chunk in row.Buttons.Chunk(MaxActions))
                    {
                        var elements = new JsonArray();
                        foreach (var button in chunk)
                        {
                            if (Button(button, buttons++, mentions) is { } element)
                            {
                                elements.Add(element);
                            }
                            else
                            {
                                blocks.Add(Context($"_The button {Mrkdwn.Escape(button.Label)} runs a command too long for Slack; run it in the Switchboard console._"));
                            }
                        }

                        if (elements.Count > 0)
                        {
                            blocks.Add(new JsonObject { ["type"] = "actions", ["elements"] = elements });
                        }
                    }

                    break;
                default:
                    throw new InvalidOperationException($"No Block Kit rendering for {block.GetType().Name}.");
            }
        }
    }

    private static void AddSections(List<JsonObject> blocks, string mrkdwn)
    {
        foreach (var piece in Mrkdwn.Split(mrkdwn, MaxSectionText))
        {
            blocks.Add(new JsonObject { ["type"] = "section", ["text"] = Text(piece) });
        }
    }

    /// <summary>
    /// A button whose <c>value</c> carries what a click needs (<see cref="ButtonValue"/>), and whose
    /// <c>action_id</c> is unique within the message, as Slack requires. Null when that does not fit in a value.
    /// </summary>
    private static JsonObject? Button(Button button, int index, IReadOnlyDictionary<string, string> mentions)
    {
        var value = ButtonValue.From(button).Encode();
        if (value.Length > ButtonValue.MaxLength)
        {
            return null;
        }

        var element = new JsonObject
        {
            ["type"] = "button",
            ["action_id"] = "sb-button-" + index.ToString(CultureInfo.InvariantCulture),
            ["text"] = PlainText(Mrkdwn.Fit(button.Label, MaxButtonText)),
            ["value"] = value,
        };
        if (button.Style != ButtonStyle.Default)
        {
            element["style"] = button.Style == ButtonStyle.Danger ? "danger" : "primary";
        }

        if (button.Confirm is { } question)
        {
            element["confirm"] = new JsonObject
            {
                ["title"] = PlainText(Mrkdwn.Fit($"{button.Label}?", MaxConfirmTitle)),
                ["text"] = Text(Mrkdwn.Fit(Mrkdwn.FromMarkdown(question, mentions), MaxConfirmText)),
                ["confirm"] = PlainText(Mrkdwn.Fit(button.Label, MaxConfirmButton)),
                ["deny"] = PlainText("Cancel"),
            };
            if (button.Style == ButtonStyle.Danger)
            {
                element["confirm"]!["style"] = "danger";
            }
        }

        return element;
    }

    private static string? SeverityLine(Severity severity) => severity switch
    {
        Severity.Info => null,
        Severity.Success => ":white_check_mark: *Done*",
        Severity.Warning => ":warning: *Warning*",
        Severity.Error => ":x: *Error*",
    };

    private static JsonObject Context(string mrkdwn) => new() { ["type"] = "context", ["elements"] = new JsonArray(Text(Mrkdwn.Fit(mrkdwn, MaxSectionText))) };

    private static JsonObject Text(string mrkdwn) => new() { ["type"] = "mrkdwn", ["text"] = mrkdwn };

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text, ["emoji"] = true };
}
