using System.Text;
using Switchboard.Core.Errors;

namespace Switchboard.Modules.Notify.Filters;

/// <summary>
/// Recursive descent over the filter grammar, reporting the first mistake from the left with its
/// position (1-based) and what was expected there:
/// <code>
/// filter  = any
/// any     = all { "or" all }
/// all     = unary { "and" unary }
/// unary   = "not" unary | "(" any ")" | term
/// term    = field ":" value          value: a word, or 'quoted' / "quoted" with \ escaping the quote
/// </code>
/// Keywords ignore case. A word ends at a space or a parenthesis.
/// </summary>
internal sealed class FilterParser
{
    private readonly IEnumerator<Token> _tokens;
    private int _depth;

    private FilterParser(string text)
    {
        _tokens = Tokens(text).GetEnumerator();
        _tokens.MoveNext();
    }

    private Token Current => _tokens.Current;

    public static (FilterExpression? Expression, Error? Error) Parse(string text)
    {
        if (text.Length > SubscriptionFilter.MaxLength)
        {
            return (null, NotifyErrors.InvalidFilter(SubscriptionFilter.MaxLength + 1, $"a filter may be at most {SubscriptionFilter.MaxLength} characters long"));
        }

        var parser = new FilterParser(text);
        var (expression, error) = parser.Any(after: null);
        return expression is null ? (null, error)
            : parser.Current.Kind switch
            {
                TokenKind.End => (expression, null),
                TokenKind.Invalid => (null, Refuse(parser.Current, parser.Current.Text)),
                TokenKind.Close => (null, Refuse(parser.Current, "this \")\" closes no \"(\"")),
                _ => (null, Refuse(parser.Current, $"expected \"and\" or \"or\" before \"{parser.Current.Text}\"")),
            };
    }

    private (FilterExpression?, Error?) Any(Token? after)
    {
        var choices = new List<FilterExpression>();
        for (var keyword = after; ; keyword = Take())
        {
            var (all, error) = All(keyword);
            if (all is null)
            {
                return (null, error);
            }

            choices.AddRange(all is AnyOf nested ? nested.Choices : [all]);
            if (Current.Kind != TokenKind.Or)
            {
                return (choices.Count == 1 ? choices[0] : new AnyOf(choices), null);
            }
        }
    }

    private (FilterExpression?, Error?) All(Token? after)
    {
        var parts = new List<FilterExpression>();
        for (var keyword = after; ; keyword = Take())
        {
            var (unary, error) = Unary(keyword);
            if (unary is null)
            {
                return (null, error);
            }

            parts.AddRange(unary is AllOf nested ? nested.Parts : [unary]);
            if (Current.Kind != TokenKind.And)
            {
                return (parts.Count == 1 ? parts[0] : new AllOf(parts), null);
            }
        }
    }

    private (FilterExpression?, Error?) Unary(Token? after) => Current.Kind switch
    {
        TokenKind.Not or TokenKind.Open => Nested(),
        TokenKind.Term => Term(Take()),
        TokenKind.Word => (null, Refuse(Current, $"\"{Current.Text}\" is not a term; write field:value, such as label:{Current.Text}")),
        TokenKind.Invalid => (null, Refuse(Current, Current.Text)),
        _ => (null, Refuse(Current, MissingTerm(after))),
    };

    /// <summary>A <c>not</c> or a parenthesised filter, each one level deeper.</summary>
    private (FilterExpression?, Error?) Nested()
    {
        if (_depth == SubscriptionFilter.MaxDepth)
        {
            return (null, Refuse(Current, $"\"not\" and parentheses may nest at most {SubscriptionFilter.MaxDepth} deep"));
        }

        _depth++;
        var nested = Current.Kind == TokenKind.Not ? Negated(Take()) : Parenthesised(Take());
        _depth--;
        return nested;
    }

    private (FilterExpression?, Error?) Negated(Token not)
    {
        var (operand, error) = Unary(not);
        return operand is null ? (null, error) : (new Not(operand), null);
    }

    private (FilterExpression?, Error?) Parenthesised(Token open)
    {
        var (inner, error) = Any(open);
        if (inner is null)
        {
            return (null, error);
        }

        if (Current.Kind == TokenKind.Close)
        {
            Take();
            return (inner, null);
        }

        return (null, Refuse(Current, Current.Kind switch
        {
            TokenKind.End => $"expected \")\" to close the \"(\" at {open.Position + 1}",
            TokenKind.Invalid => Current.Text,
            _ => $"expected \"and\", \"or\" or \")\" before \"{Current.Text}\"",
        }));
    }

    private string MissingTerm(Token? after) => (after, Current.Kind) switch
    {
        (null, TokenKind.End) => "the filter is empty; write a term such as label:bug",
        (null, _) => $"expected a term such as label:bug, not \"{Current.Text}\"",
        (_, TokenKind.End) => $"expected a term after \"{after.Text}\"",
        _ => $"expected a term after \"{after.Text}\", not \"{Current.Text}\"",
    };

    private static (FilterExpression?, Error?) Term(Token term)
    {
        if (FilterFields.Named(term.Field) is not { } field)
        {
            return (null, Refuse(term, term.Field.Length == 0
                ? $"expected a field before \":\"; use {FilterFields.Known}"
                : $"there is no field \"{term.Field}\"; use {FilterFields.Known}"));
        }

        if (field == FilterField.Is && !term.Value.Equals(FilterFields.Bot, StringComparison.OrdinalIgnoreCase))
        {
            return (null, NotifyErrors.InvalidFilter(term.ValuePosition + 1, $"\"is:\" takes only {FilterFields.Bot}, not \"{term.Value}\""));
        }

        return (new Term(field, field == FilterField.Is ? FilterFields.Bot : term.Value), null);
    }

    private Token Take()
    {
        var taken = Current;
        _tokens.MoveNext();
        return taken;
    }

    private static Error Refuse(Token token, string problem) => NotifyErrors.InvalidFilter(token.Position + 1, problem);

    /// <summary>The tokens up to the end, or up to the first one that cannot be read, which says why.</summary>
    private static IEnumerable<Token> Tokens(string text)
    {
        var position = 0;
        while (true)
        {
            while (position < text.Length && char.IsWhiteSpace(text[position]))
            {
                position++;
            }

            if (position == text.Length)
            {
                yield return new Token(TokenKind.End, position, "");
                yield break;
            }

            if (text[position] is '(' or ')')
            {
                yield return new Token(text[position] == '(' ? TokenKind.Open : TokenKind.Close, position, text[position].ToString());
                position++;
                continue;
            }

            var start = position;
            while (position < text.Length && !EndsWord(text[position]) && text[position] != ':')
            {
                position++;
            }

            var word = text[start..position];
            if (position == text.Length || text[position] != ':')
            {
                yield return new Token(Keyword(word), start, word);
                continue;
            }

            var (value, valueStart, problem) = ReadValue(text, word, ref position);
            if (problem is not null)
            {
                yield return new Token(TokenKind.Invalid, valueStart, problem);
                yield break;
            }

            yield return new Token(TokenKind.Term, start, text[start..position], word, value, valueStart);
        }
    }

    /// <summary>Reads the value after the colon at <paramref name="position"/>, and moves past it.</summary>
    private static (string Value, int Start, string? Problem) ReadValue(string text, string field, ref int position)
    {
        var start = ++position;
        if (start == text.Length || EndsWord(text[start]))
        {
            return ("", start, $"expected a value after \"{field}:\"");
        }

        if (text[start] is not ('"' or '\''))
        {
            while (position < text.Length && !EndsWord(text[position]))
            {
                position++;
            }

            return (text[start..position], start, null);
        }

        var quote = text[start];
        var value = new StringBuilder();
        for (position = start + 1; position < text.Length && text[position] != quote; position++)
        {
            if (text[position] == '\\' && position + 1 < text.Length && (text[position + 1] == quote || text[position + 1] == '\\'))
            {
                position++;
            }

            value.Append(text[position]);
        }

        if (position == text.Length)
        {
            return ("", start, "this quote is never closed");
        }

        position++;
        if (position < text.Length && !EndsWord(text[position]))
        {
            return ("", position, "expected a space or \")\" after the quoted value");
        }

        return value.Length == 0 ? ("", start, $"expected a value after \"{field}:\", not an empty quote") : (value.ToString(), start, null);
    }

    private static bool EndsWord(char c) => char.IsWhiteSpace(c) || c is '(' or ')';

    private static TokenKind Keyword(string word) => word.ToLowerInvariant() switch
    {
        "and" => TokenKind.And,
        "or" => TokenKind.Or,
        "not" => TokenKind.Not,
        _ => TokenKind.Word,
    };

    /// <param name="Position">0-based, where the token starts.</param>
    /// <param name="Text">As typed, or an invalid token's problem.</param>
    /// <param name="Field">A term's field name, as typed.</param>
    /// <param name="Value">A term's value, unquoted.</param>
    private sealed record Token(TokenKind Kind, int Position, string Text, string Field = "", string Value = "", int ValuePosition = 0);

    private enum TokenKind
    {
        Term,
        Word,
        And,
        Or,
        Not,
        Open,
        Close,
        End,
        Invalid,
    }
}
