using System.CommandLine;
using System.CommandLine.Parsing;

namespace Switchboard.Cli.RunCommand;

/// <summary>
/// The command words capture everything after the first of them (so that a command's own <c>--options</c>
/// and words such as <c>watch</c> reach the server), which would also swallow a trailing <c>--plain</c> or
/// <c>--json</c>. Those two are sb's, unless an explicit <c>--</c> says that every word is the server's.
/// </summary>
internal static class CommandWords
{
    public static (IReadOnlyList<string> Command, bool Plain, bool Json) Split(ParseResult result, IReadOnlyList<string> words)
    {
        if (result.Tokens.Any(token => token.Type == TokenType.DoubleDash))
        {
            return (words, false, false);
        }

        return (
            words.Where(word => word is not ("--plain" or "--json")).ToList(),
            words.Contains("--plain"),
            words.Contains("--json"));
    }
}
