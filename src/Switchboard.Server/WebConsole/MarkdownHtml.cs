using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;

namespace Switchboard.Server.WebConsole;

/// <summary>
/// The reply markdown subset as HTML: <c>**bold**</c>, <c>_italic_</c>, <c>`code`</c> and
/// <c>[text](https://...)</c>. Everything else is encoded, and only http(s) links become links.
/// </summary>
internal static partial class MarkdownHtml
{
    public static MarkupString Render(string markdown)
    {
        var html = new StringBuilder(markdown.Length + 32);
        var position = 0;
        foreach (Match match in Inline().Matches(markdown))
        {
            html.Append(WebUtility.HtmlEncode(markdown[position..match.Index]));
            html.Append(match switch
            {
                _ when match.Groups["bold"].Success => $"<strong>{WebUtility.HtmlEncode(match.Groups["bold"].Value)}</strong>",
                _ when match.Groups["italic"].Success => $"<em>{WebUtility.HtmlEncode(match.Groups["italic"].Value)}</em>",
                _ when match.Groups["code"].Success => $"<code>{WebUtility.HtmlEncode(match.Groups["code"].Value)}</code>",
                _ => $"<a href=\"{WebUtility.HtmlEncode(match.Groups["url"].Value)}\" rel=\"noopener noreferrer\">{WebUtility.HtmlEncode(match.Groups["text"].Value)}</a>",
            });
            position = match.Index + match.Length;
        }

        html.Append(WebUtility.HtmlEncode(markdown[position..]));
        return new MarkupString(html.ToString());
    }

    [GeneratedRegex(@"\*\*(?<bold>[^*]+)\*\*|(?<![\w])_(?<italic>[^_]+)_(?![\w])|`(?<code>[^`]+)`|\[(?<text>[^\]]+)\]\((?<url>https?://[^)\s]+)\)")]
    private static partial Regex Inline();
}
