using System.Buffers;
using System.Text;

namespace Switchboard.Cli.RunCommand;

/// <summary>
/// Joins the words the shell gave sb back into one command line that Switchboard's parser splits into
/// the same words. Only words that need it are quoted, because a quoted word loses its meaning as
/// <c>#channel</c>, <c>@person</c> or <c>--option</c>.
/// </summary>
internal static class CommandLineText
{
    private static readonly SearchValues<char> Quotes = SearchValues.Create("\"'“‘”’");

    public static string Join(IEnumerable<string> words) => string.Join(' ', words.Select(Quote));

    private static string Quote(string word)
    {
        if (!NeedsQuotes(word))
        {
            return word;
        }

        // --reason="two words" would reach the parser as one quoted word, not an option: send --reason "two words".
        var equals = word.IndexOf('=', StringComparison.Ordinal);
        if (word.StartsWith("--", StringComparison.Ordinal) && equals > 2 && !NeedsQuotes(word[..equals]))
        {
            return word[..equals] + " " + Quoted(word[(equals + 1)..]);
        }

        return Quoted(word);
    }

    private static bool NeedsQuotes(string word) =>
        word.Length == 0 || word.Any(char.IsWhiteSpace) || word.AsSpan().ContainsAny(Quotes);

    // Inside double quotes the parser reads \" as " and \\ as \, and everything else as it is.
    private static string Quoted(string word)
    {
        var quoted = new StringBuilder(word.Length + 2).Append('"');
        foreach (var c in word)
        {
            if (c is '"' or '\\')
            {
                quoted.Append('\\');
            }

            quoted.Append(c);
        }

        return quoted.Append('"').ToString();
    }
}
