namespace Switchboard.Modules.Notify.Notifications;

/// <summary>
/// Vendor text in the replies' markdown subset. The subset has no escapes, so characters that would
/// end a span early are replaced: an issue titled <c>[BUG] crash</c> must not break its link.
/// </summary>
internal static class Markdown
{
    private const int ExcerptLength = 280;

    public static string Bold(string text) => $"**{text.Replace("*", "", StringComparison.Ordinal)}**";

    public static string Code(string text) => $"`{text.Replace('`', '\'')}`";

    public static string Link(string text, Uri? url) =>
        url is null ? text : $"[{text.Replace('[', '(').Replace(']', ')')}]({url.AbsoluteUri})";

    public static string ShortSha(string sha) => sha.Length > 7 ? sha[..7] : sha;

    public static string FirstLine(string text) => text.Split('\n', 2)[0].TrimEnd('\r');

    /// <returns>The text on one line, cut at a readable length; null when there is none.</returns>
    public static string? Excerpt(string? text)
    {
        var oneLine = string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length switch
        {
            0 => null,
            <= ExcerptLength => oneLine,
            _ => oneLine[..ExcerptLength].TrimEnd() + "…",
        };
    }

    /// <returns>The items joined with commas, or null when there are none.</returns>
    public static string? List(IEnumerable<string> items) => string.Join(", ", items) is { Length: > 0 } list ? list : null;
}
