using System.Text;
using System.Text.RegularExpressions;
using Spectre.Console;

namespace Switchboard.Cli.Rendering;

/// <summary>
/// The replies' markdown subset (<c>**bold**</c>, <c>_italic_</c>, <c>`code`</c>, <c>[text](url)</c>) as
/// styled terminal text. It builds a <see cref="Paragraph"/> rather than Spectre markup, so brackets
/// in what the server sent are shown, never interpreted.
/// </summary>
internal static partial class MarkdownText
{
    private static readonly Style Code = new(Color.Aqua);
    private static readonly Style LinkStyle = new(Color.Blue, decoration: Decoration.Underline);

    public static Paragraph ToParagraph(string markdown, Style style) => AppendTo(new Paragraph(), markdown, style);

    public static Paragraph AppendTo(Paragraph paragraph, string markdown, Style style)
    {
        var literal = new StringBuilder();
        var bold = false;
        var italic = false;
        var i = 0;
        while (i < markdown.Length)
        {
            var c = markdown[i];
            if (c == '*' && At(markdown, i, "**"))
            {
                Flush();
                bold = !bold;
                i += 2;
            }
            else if (c == '`' && markdown.IndexOf('`', i + 1) is var close && close > i)
            {
                Flush();
                paragraph.Append(markdown[(i + 1)..close], Code);
                i = close + 1;
            }
            else if (c == '[' && MarkdownLink().Match(markdown, i) is { Success: true, Index: var index } link && index == i)
            {
                Flush();
                var url = link.Groups["url"].Value;
                paragraph.Append(link.Groups["text"].Value, LinkStyle, new Link(url));
                i += link.Length;
            }
            else if (c == '_' && TogglesItalic(markdown, i, italic))
            {
                Flush();
                italic = !italic;
                i++;
            }
            else
            {
                literal.Append(c);
                i++;
            }
        }

        Flush();
        return paragraph;

        void Flush()
        {
            if (literal.Length > 0)
            {
                var decoration = (style.Decoration | (bold ? Decoration.Bold : Decoration.None) | (italic ? Decoration.Italic : Decoration.None));
                paragraph.Append(literal.ToString(), new Style(style.Foreground, style.Background, decoration));
                literal.Clear();
            }
        }
    }

    private static bool At(string text, int index, string token) =>
        string.CompareOrdinal(text, index, token, 0, token.Length) == 0;

    // Underscores inside words (snake_case, file_names) are not emphasis.
    private static bool TogglesItalic(string text, int index, bool isOpen)
    {
        var before = index == 0 ? ' ' : text[index - 1];
        var after = index + 1 < text.Length ? text[index + 1] : ' ';
        return isOpen
            ? !char.IsLetterOrDigit(after)
            : !char.IsLetterOrDigit(before) && !char.IsWhiteSpace(after) && text.IndexOf('_', index + 1) > index + 1;
    }

    [GeneratedRegex(@"\[(?<text>[^\]\n]+)\]\((?<url>https?://[^)\s]+)\)")]
    private static partial Regex MarkdownLink();
}
