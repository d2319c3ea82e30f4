using System.Buffers;
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

    private static readonly SearchValues<char> ControlCharacters =
        SearchValues.Create(Enumerable.Range(0, 32).Select(c => (char)c).Where(c => c is not ('\t' or '\n' or '\r')).ToArray());

    public static ParsedLine Parse(string text)
    {
        if (Screen(text) is { } unfit)
        {
            return ParsedLine.Failed(unfit);
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
            var quotedFrom = -1;
            while (position < text.Length && !char.IsWhiteSpace(text[position]))
            {
                var c = text[position];
                var end = OpensQuote(text, position, start) ? FindClosingQuote(text, position + 1, ClosingQuoteFor(c)) : -1;
                if (end >= 0)
                {
                    quotedFrom = quotedFrom < 0 ? word.Length : quotedFrom;
                    word.Append(QuotedText(text, position + 1, end, ClosingQuoteFor(c)));
                    position = end + 1;
                }
                else if (c is '"' or '“')
                {
                    return ParsedLine.Failed(Error.Invalid(
                        "core.unterminated-quote", $"The quote opened at character {position + 1} is never closed."));
                }
                else
                {
                    word.Append(c);
                    position++;
                }
            }

            tokens.Add(Classify(word.ToString(), quotedFrom, start));
        }
    }

    /// <summary>What every command must pass, however it arrives: a length cap, and no control characters.</summary>
    public static Error? Screen(string text)
    {
        if (text.Length > MaxLength)
        {
            return Error.TooLarge("core.command-too-long", $"A command line may be at most {MaxLength} characters long.");
        }

        var control = text.AsSpan().IndexOfAny(ControlCharacters);

        // PostgreSQL cannot store NUL, and no front end has a reason to send control characters.
        return control < 0
            ? null
            : Error.Invalid("core.control-character", $"Character {control + 1} is a control character (U+{(int)text[control]:X4}); remove it.");
    }

    private static char ClosingQuoteFor(char opening) => opening switch
    {
        '“' => '”',
        '‘' => '’',
        _ => opening,
    };

    // Double quotes open anywhere. A single quote opens only where a word or an option's value starts,
    // so the apostrophe in "we're deploying" stays an apostrophe, and one that is never closed is literal.
    private static bool OpensQuote(string text, int position, int wordStart) => text[position] switch
    {
        '"' or '“' => true,
        '\'' or '‘' => position == wordStart || text[position - 1] == '=',
        _ => false,
    };

    private static int FindClosingQuote(string text, int from, char closing)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (closing == '"' && text[i] == '\\' && i + 1 < text.Length && text[i + 1] is '"' or '\\')
            {
                i++;
            }
            else if (text[i] == closing || (closing == '”' && text[i] == '"'))
            {
                return i;
            }
        }

        return -1;
    }

    private static string QuotedText(string text, int from, int end, char closing)
    {
        var quoted = new StringBuilder(end - from);
        for (var i = from; i < end; i++)
        {
            if (closing == '"' && text[i] == '\\' && i + 1 < end && text[i + 1] is '"' or '\\')
            {
                i++;
            }

            quoted.Append(text[i]);
        }

        return quoted.ToString();
    }

    /// <param name="quotedFrom">Where the first quoted part of the word begins, or -1: quoted text is never a sigil.</param>
    private static Token Classify(string word, int quotedFrom, int position)
    {
        var equals = word.IndexOf('=', StringComparison.Ordinal);
        if (word.StartsWith("--", StringComparison.Ordinal) && word.Length > 2 && quotedFrom is < 0 or >= 2
            && (quotedFrom < 0 || (equals >= 0 && equals < quotedFrom)))
        {
            return equals < 0
                ? new Token(TokenKind.Option, word[2..].ToLowerInvariant(), position)
                : new Token(TokenKind.Option, word[2..equals].ToLowerInvariant(), position, word[(equals + 1)..]);
        }

        if (quotedFrom != 0 && word.Length > 1 && word[0] == '@')
        {
            return new Token(TokenKind.Person, word[1..], position);
        }

        if (quotedFrom != 0 && word.Length > 1 && word[0] == '#')
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
