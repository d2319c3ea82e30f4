using System.CommandLine;
using System.CommandLine.Parsing;

namespace Switchboard.Cli.RunCommand;

/// <summary>
/// The command words capture everything after the first of them (so that a command's own <c>--options</c>
/// and words such as <c>watch</c> reach the server), which would also swallow a trailing <c>--plain</c>,
/// <c>--json</c>, <c>--no-follow</c> (<c>--detach</c>) or <c>--no-progress</c>. Those are sb's, unless an explicit
/// <c>--</c> says that every word is the server's.
/// </summary>
internal sealed record CommandWords(IReadOnlyList<string> Command, bool Plain, bool Json, bool NoFollow, bool NoProgress)
{
    private static readonly string[] SbOptions = ["--plain", "--json", "--no-follow", "--detach", "--no-progress"];

    public static CommandWords Split(ParseResult result, IReadOnlyList<string> words)
    {
        if (result.Tokens.Any(token => token.Type == TokenType.DoubleDash))
        {
            return new CommandWords(words, false, false, false, false);
        }

        return new CommandWords(
            words.Where(word => !SbOptions.Contains(word)).ToList(),
            words.Contains("--plain"),
            words.Contains("--json"),
            words.Contains("--no-follow") || words.Contains("--detach"),
            words.Contains("--no-progress"));
    }
}
