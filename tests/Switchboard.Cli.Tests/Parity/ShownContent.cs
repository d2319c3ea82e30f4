using System.Text.Json;
using System.Text.RegularExpressions;

namespace Switchboard.Cli.Tests.Parity;

/// <summary>
/// What a person reads in a reply, as one comparable line: its severity, then every word it shows (text, section
/// titles, field names and values, links, button labels, the commands buttons run, confirmations), sorted, with what
/// differs per installation masked. Slack lays a reply out in Block Kit (mrkdwn, fields in columns, a link as
/// <c>&lt;url|label&gt;</c>, a linked person as <c>&lt;@U…&gt;</c>), so bytes would compare layouts; the same words
/// at the same severity are the same content. The words are sorted because Slack writes a link's address before its
/// label, and every mention counts as <c>@person</c> because Slack shows only linked people as Slack users.
/// </summary>
internal static partial class ShownContent
{
    /// <param name="unlisted">Commands whose fields (<c>verb: summary</c>, as <c>help</c> lists them) the other front end leaves out.</param>
    public static string OfApiReply(JsonElement reply, IReadOnlyCollection<string> unlisted) =>
        Line(reply.GetProperty("severity").GetString()!, ApiPieces(reply.GetProperty("blocks"), unlisted));

    /// <summary>An error as Slack shows it: its detail, at error severity (the code is for programs and is not shown).</summary>
    public static string OfApiError(string detail) => Line("error", [detail]);

    /// <summary>A message Slack received: its Block Kit blocks, the severity being the context line Switchboard puts first.</summary>
    public static string OfSlackMessage(JsonElement message)
    {
        var severity = "info";
        var pieces = new List<string>();
        foreach (var (block, index) in message.GetProperty("blocks").EnumerateArray().Select((b, i) => (b, i)))
        {
            switch (block.GetProperty("type").GetString())
            {
                case "context":
                    var context = string.Join(' ', block.GetProperty("elements").EnumerateArray().Select(e => e.GetProperty("text").GetString()));
                    if (index == 0 && SeverityOf(context) is { } shown)
                    {
                        severity = shown;
                    }
                    else
                    {
                        pieces.Add(context);
                    }

                    break;
                case "section" when block.TryGetProperty("fields", out var fields):
                    pieces.AddRange(fields.EnumerateArray().Select(f => f.GetProperty("text").GetString()!));
                    break;
                case "section":
                    pieces.Add(block.GetProperty("text").GetProperty("text").GetString()!);
                    break;
                case "actions":
                    foreach (var button in block.GetProperty("elements").EnumerateArray())
                    {
                        pieces.Add(button.GetProperty("text").GetProperty("text").GetString()!);
                        using var value = JsonDocument.Parse(button.GetProperty("value").GetString()!);
                        pieces.Add(value.RootElement.GetProperty("command").GetString()!);
                        if (button.TryGetProperty("confirm", out var confirm))
                        {
                            pieces.Add(confirm.GetProperty("text").GetProperty("text").GetString()!);
                        }
                    }

                    break;
                default:
                    pieces.Add(block.GetRawText());
                    break;
            }
        }

        return Line(severity, pieces.Select(FromMrkdwn));
    }

    private static IEnumerable<string> ApiPieces(JsonElement blocks, IReadOnlyCollection<string> unlisted)
    {
        foreach (var block in blocks.EnumerateArray())
        {
            switch (block.GetProperty("type").GetString())
            {
                case "text":
                    yield return block.GetProperty("markdown").GetString()!;
                    break;
                case "section":
                    yield return block.GetProperty("title").GetString()!;
                    foreach (var piece in ApiPieces(block.GetProperty("blocks"), unlisted))
                    {
                        yield return piece;
                    }

                    break;
                case "fields":
                    foreach (var field in block.GetProperty("fields").EnumerateArray().Where(f => !unlisted.Contains(f.GetProperty("name").GetString()!)))
                    {
                        yield return $"{field.GetProperty("name").GetString()}\n{field.GetProperty("value").GetString()}";
                    }

                    break;
                case "link":
                    yield return $"{block.GetProperty("text").GetString()} {block.GetProperty("url").GetString()}";
                    break;
                case "buttons":
                    foreach (var button in block.GetProperty("buttons").EnumerateArray())
                    {
                        yield return button.GetProperty("label").GetString()!;
                        yield return button.GetProperty("command").GetString()!;
                        if (button.TryGetProperty("confirm", out var confirm))
                        {
                            yield return confirm.GetString()!;
                        }
                    }

                    break;
                default:
                    yield return block.GetRawText();
                    break;
            }
        }
    }

    private static string? SeverityOf(string context) => context switch
    {
        ":white_check_mark: *Done*" => "success",
        ":warning: *Warning*" => "warning",
        ":x: *Error*" => "error",
        _ => null,
    };

    /// <summary>Slack's mentions of linked people as mentions, then its three escaped characters as themselves.</summary>
    private static string FromMrkdwn(string mrkdwn) =>
        SlackMention().Replace(mrkdwn, " @person ").Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);

    private static string Line(string severity, IEnumerable<string> pieces)
    {
        var words = pieces
            .Select(piece => Handle().Replace(FrontEndName().Replace(ParityMasks.Apply(piece), "${field}<front end>"), " @person "))
            .SelectMany(piece => Word().Matches(piece).Select(m => m.Value))
            .Order(StringComparer.Ordinal);
        return $"{severity}: {string.Join(' ', words)}";
    }

    [GeneratedRegex(@"<@[UW][A-Z0-9]+(\|[^>]*)?>")]
    private static partial Regex SlackMention();

    /// <summary>A <c>@handle</c> as the Slack renderer finds one.</summary>
    [GeneratedRegex(@"(?<![\w@])@([A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9]|[A-Za-z0-9])")]
    private static partial Regex Handle();

    [GeneratedRegex(@"(?<field>Signed in through\**\n)(api|web|cli|slack)\b")]
    private static partial Regex FrontEndName();

    [GeneratedRegex(@"@person|<[a-z -]+>|[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
