using System.Text;
using Switchboard.Core.Errors;

namespace Switchboard.Core.Parsing;

/// <summary>
/// Splits a command line into tokens: words, <c>"quoted strings"</c>, <c>--options</c> (with
/// <c>=value</c> or not), <c>@people</c> and <c>#channels</c>. The one grammar every front end uses.
/// </summary>
public static class CommandLineParser
{
    public const int MaxLength = 4_000;

    public static ParsedLine Parse(string text)
    {
        if (text.Length > MaxLength)
        {
            return ParsedLine.Failed(Error.TooLarge("core.command-too-long", $"A command line may be at most {MaxLength} characters long."));
        }

        var tokens = new List<Token>();
        var position = 0;
        while (true)
        {
            while (position < text.Length && char.IsWhiteSpace(text[position]))
            {
                position++;
            }

            if (position == text.Length)
            {
                return new ParsedLine(tokens, null);
            }

            var start = position;
            var word = new StringBuilder();
            var wasQuoted = false;
            while (position < text.Length && !char.IsWhiteSpace(text[position]))
            {
                var c = text[position];
                if (c is '"' or '\'' or '“' or '‘')
                {
                    var closing = ClosingQuoteFor(c);
                    var end = FindClosingQuote(text, position + 1, closing, word);
                    if (end < 0)
                    {
                        return ParsedLine.Failed(Error.Invalid(
                            "core.unterminated-quote", $"The quote opened at character {position + 1} is never closed."));
                    }

                    wasQuoted = true;
                    position = end + 1;
                }
                else
                {
                    word.Append(c);
                    position++;
                }
            }

            tokens.Add(Classify(word.ToString(), wasQuoted, start));
        }
    }

    private static char ClosingQuoteFor(char opening) => opening switch
    {
        '“' => '”',
        '‘' => '’',
        _ => opening,
    };

    private static int FindClosingQuote(string text, int from, char closing, StringBuilder word)
    {
        for (var i = from; i < text.Length; i++)
        {
            var c = text[i];
            if (closing == '"' && c == '\\' && i + 1 < text.Length && text[i + 1] is '"' or '\\')
            {
                word.Append(text[++i]);
            }
            else if (c == closing || (closing == '”' && c == '"'))
            {
                return i;
            }
            else
            {
                word.Append(c);
            }
        }

        return -1;
    }

    private static Token Classify(string word, bool wasQuoted, int position)
    {
        if (wasQuoted)
        {
            return new Token(TokenKind.Word, word, position);
        }

        if (word.StartsWith("--", StringComparison.Ordinal) && word.Length > 2)
        {
            var equals = word.IndexOf('=', StringComparison.Ordinal);
            return equals < 0
                ? new Token(TokenKind.Option, word[2..].ToLowerInvariant(), position)
                : new Token(TokenKind.Option, word[2..equals].ToLowerInvariant(), position, word[(equals + 1)..]);
        }

        if (word.Length > 1 && word[0] == '@')
        {
            return new Token(TokenKind.Person, word[1..], position);
        }

        if (word.Length > 1 && word[0] == '#')
        {
            return new Token(TokenKind.Channel, word[1..], position);
        }

        return new Token(TokenKind.Word, word, position);
    }
}

public sealed record ParsedLine(IReadOnlyList<Token> Tokens, Error? Error)
{
    public static ParsedLine Failed(Error error) => new([], error);
}

/// <param name="Text">The word without its sigil: <c>ops</c> for <c>#ops</c>, <c>to</c> for <c>--to</c>.</param>
/// <param name="InlineValue">The value of <c>--name=value</c>.</param>
public sealed record Token(TokenKind Kind, string Text, int Position, string? InlineValue = null)
{
    /// <summary>The token as a value, sigil included, for an argument that takes any word.</summary>
    public string AsWritten => Kind switch
    {
        TokenKind.Word => Text,
        TokenKind.Person => "@" + Text,
        TokenKind.Channel => "#" + Text,
        TokenKind.Option => "--" + Text + (InlineValue is null ? "" : "=" + InlineValue),
    };
}

public enum TokenKind
{
    Word,
    Option,
    Person,
    Channel,
}
