using Spectre.Console;
using Switchboard.Cli.Api;

namespace Switchboard.Cli.Rendering;

internal static class ReplyOutput
{
    /// <summary>Plain when stdout is not a terminal, so that scripts read the same text every front end shows.</summary>
    public static OutputMode Choose(bool plain, bool json) =>
        json ? OutputMode.Json : plain || Console.IsOutputRedirected ? OutputMode.Plain : OutputMode.Rich;

    public static void Write(string body, OutputMode mode)
    {
        if (mode == OutputMode.Json)
        {
            Console.WriteLine(body);
            return;
        }

        var reply = CommandReply.Parse(body);
        if (mode == OutputMode.Plain || reply.Blocks is null)
        {
            Console.WriteLine(reply.Text);
            return;
        }

        AnsiConsole.Write(ReplyRenderer.Render(reply, reply.Blocks));
    }
}
