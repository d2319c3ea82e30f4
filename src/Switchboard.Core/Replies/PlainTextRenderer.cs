using System.Text;

namespace Switchboard.Core.Replies;

/// <summary>Renders a reply as plain text for terminals, SMS, e-mail bodies and the API's <c>text</c> field.</summary>
public static class PlainTextRenderer
{
    public static string Render(Reply reply)
    {
        var text = new StringBuilder();
        if (reply.Severity is Severity.Error or Severity.Warning)
        {
            text.Append(reply.Severity == Severity.Error ? "Error: " : "Warning: ");
        }

        AppendBlocks(text, reply.Blocks, depth: 0);
        return text.ToString().TrimEnd();
    }

    // Bold has no plain-text form; backticks stay, because they mark what to type.
    private static string WithoutEmphasis(string markdown) => markdown.Replace("**", "", StringComparison.Ordinal);

    private static void AppendBlocks(StringBuilder text, IReadOnlyList<ReplyBlock> blocks, int depth)
    {
        var indent = new string(' ', depth * 2);
        foreach (var block in blocks)
        {
            switch (block)
            {
                case TextBlock line:
                    foreach (var part in WithoutEmphasis(line.Markdown).Split('\n'))
                    {
                        text.Append(indent).AppendLine(part);
                    }

                    break;
                case SectionBlock section:
                    text.Append(indent).AppendLine(section.Title);
                    AppendBlocks(text, section.Blocks, depth + 1);
                    break;
                case FieldsBlock fields:
                    var width = fields.Fields.Count == 0 ? 0 : fields.Fields.Max(f => f.Name.Length);
                    foreach (var field in fields.Fields)
                    {
                        text.Append(indent).Append(field.Name).Append(':').Append(' ', width - field.Name.Length + 1).AppendLine(field.Value);
                    }

                    break;
                case LinkBlock link:
                    text.Append(indent).Append(link.Text).Append(": ").AppendLine(link.Url.ToString());
                    break;
                case ButtonsBlock buttons:
                    foreach (var button in buttons.Buttons)
                    {
                        text.Append(indent).Append('[').Append(button.Label).Append("] ").AppendLine(button.Command);
                    }

                    break;
                default:
                    throw new InvalidOperationException($"No plain-text rendering for {block.GetType().Name}.");
            }
        }
    }
}
