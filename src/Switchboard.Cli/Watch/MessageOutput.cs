using System.Globalization;
using Spectre.Console;
using Switchboard.Cli.Api;
using Switchboard.Cli.Rendering;
using Switchboard.Core.Replies;

namespace Switchboard.Cli.Watch;

/// <summary>A channel message as one entry of <c>sb watch</c>: when (in local time), who, and what.</summary>
internal static class MessageOutput
{
    private static readonly Style Time = new(decoration: Decoration.Dim);
    private static readonly Style Author = new(decoration: Decoration.Bold);

    public static void Write(ChannelMessage message, OutputMode mode, TimeZoneInfo timeZone)
    {
        var time = TimeZoneInfo.ConvertTime(message.PostedAt, timeZone).ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        // Messages Switchboard posts itself have no author.
        var author = message.AuthorHandle is { } handle ? "@" + handle : message.Author?.ToString() ?? "switchboard";
        switch (mode)
        {
            case OutputMode.Json:
                Console.WriteLine(message.Json);
                break;
            case OutputMode.Plain:
                Console.WriteLine($"{time} {author}: {message.Text.Replace("\n", "\n    ", StringComparison.Ordinal)}");
                break;
            case OutputMode.Rich:
                WriteRich(message, time, author);
                break;
        }
    }

    private static void WriteRich(ChannelMessage message, string time, string author)
    {
        var heading = new Paragraph().Append(time, Time).Append(" ").Append(author, Author).Append(": ");
        if (message.Reply is not { } reply)
        {
            AnsiConsole.Write(heading.Append(message.Text));
            AnsiConsole.WriteLine();
        }
        else if (reply.Blocks is [TextBlock only] && reply.Severity is Severity.Info)
        {
            AnsiConsole.Write(MarkdownText.AppendTo(heading, only.Markdown, Style.Plain));
            AnsiConsole.WriteLine();
        }
        else
        {
            AnsiConsole.Write(heading);
            AnsiConsole.WriteLine();
            var asReply = new CommandReply(message.Text, reply.Severity, reply.Blocks);
            AnsiConsole.Write(new Padder(ReplyRenderer.Render(asReply, reply.Blocks), new Padding(4, 0, 0, 0)));
        }
    }
}
