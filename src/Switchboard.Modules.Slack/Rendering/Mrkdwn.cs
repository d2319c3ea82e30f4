using System.Text;
using System.Text.RegularExpressions;
using Switchboard.Core.Replies;

namespace Switchboard.Modules.Slack.Rendering;

/// <summary>
/// The reply model's markdown subset as Slack's mrkdwn (https://docs.slack.dev/messaging/formatting-message-text):
/// <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> escaped everywhere, <c>**bold**</c> as <c>*bold*</c>, <c>[text](url)</c>
/// as <c>&lt;url|text&gt;</c>, and <c>@handle</c> of a linked person as a real mention, <c>&lt;@U123&gt;</c>.
/// </summary>
internal static partial class Mrkdwn
{
    private const string Ellipsis = "…";

    public static string FromMarkdown(string markdown, IReadOnlyDictionary<string, string> mentions)
    {
        var text = new StringBuilder();
        var at = 0;
        foreach (Match token in Token().Matches(markdown))
        {
            text.Append(Escape(markdown[at..token.Index]));
            if (token.Groups["bold"].Success)
            {
                text.Append('*').Append(Escape(token.Groups["bold"].Value)).Append('*');
            }
            else if (token.Groups["code"].Success)
            {
                text.Append('`').Append(Escape(token.Groups["code"].Value)).Append('`');
            }
            else if (token.Groups["url"].Success)
            {
                text.Append(Link(token.Groups["label"].Value, token.Groups["url"].Value));
            }
            else
            {
                var handle = token.Groups["handle"].Value;
                text.Append(mentions.TryGetValue(handle.ToLowerInvariant(), out var user) ? $"<@{user}>" : Escape("@" + handle));
            }

            at = token.Index + token.Length;
        }

        return text.Append(Escape(markdown[at..])).ToString();
    }

    /// <summary>The distinct lower-case handles a reply names with <c>@</c>, in its text, titles, fields and confirmations.</summary>
    public static IEnumerable<string> Handles(Reply reply) => Texts(reply.Blocks)
        .SelectMany(text => Token().Matches(text))
        .Where(token => token.Groups["handle"].Success)
        .Select(token => token.Groups["handle"].Value.ToLowerInvariant())
        .Distinct(StringComparer.Ordinal);

    /// <summary>
    /// Slack reads <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> as control characters and wants them escaped as HTML
    /// entities: https://docs.slack.dev/messaging/formatting-message-text#escaping
    /// </summary>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    public static string Link(string label, string url) =>
        $"<{Escape(url).Replace("|", "%7C", StringComparison.Ordinal)}|{Escape(label).Replace("|", "¦", StringComparison.Ordinal)}>";

    /// <summary>At most <paramref name="max"/> characters, ending in <c>…</c> when cut, never inside a link or an entity.</summary>
    public static string Fit(string text, int max) => text.Length <= max ? text : text[..SafeCut(text, max - Ellipsis.Length)] + Ellipsis;

    /// <summary>Pieces of at most <paramref name="max"/> characters, cut at a line break where one is near, else at a space.</summary>
    public static IEnumerable<string> Split(string text, int max)
    {
        while (text.Length > max)
        {
            var cut = text.LastIndexOf('\n', max - 1);
            if (cut < max / 2)
            {
                cut = text.LastIndexOf(' ', max - 1);
            }

            cut = SafeCut(text, cut < max / 2 ? max : cut);
            yield return text[..cut].TrimEnd();
            text = text[cut..].TrimStart('\n', ' ');
        }

        yield return text;
    }

    /// <summary>Moves a cut back before a <c>&lt;...&gt;</c> or <c>&amp;...;</c> it would split.</summary>
    private static int SafeCut(string text, int cut)
    {
        var open = text.LastIndexOf('<', cut - 1);
        if (open > 0 && text.LastIndexOf('>', cut - 1) < open)
        {
            cut = open;
        }

        var entity = text.LastIndexOf('&', cut - 1);
        if (entity > 0 && text.IndexOf(';', entity) is var end && end >= cut && end - entity <= 5)
        {
            cut = entity;
        }

        return Math.Max(cut, 1);
    }

    private static IEnumerable<string> Texts(IEnumerable<ReplyBlock> blocks) => blocks.SelectMany(block => block switch
    {
        TextBlock text => [text.Markdown],
        SectionBlock section => Texts(section.Blocks).Prepend(section.Title),
        FieldsBlock fields => fields.Fields.Select(f => f.Value),
        ButtonsBlock buttons => buttons.Buttons.Select(b => b.Confirm ?? ""),
        _ => [],
    });

    [GeneratedRegex(@"\*\*(?<bold>.+?)\*\*|`(?<code>[^`]+)`|\[(?<label>[^\]]+)\]\((?<url>https?://[^)\s]+)\)|(?<![\w@])@(?<handle>[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9]|[A-Za-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex Token();
}
