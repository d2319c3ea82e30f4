using System.Text;
using Switchboard.Modules.Notify.Notifications;

namespace Switchboard.Modules.Notify.Filters;

/// <summary>A parsed filter, or a part of one: it tests a notification's facts and writes itself in normal form.</summary>
internal abstract class FilterExpression
{
    /// <summary>How tightly it binds, for writing no more parentheses than the meaning needs.</summary>
    protected abstract int Precedence { get; }

    public abstract bool Matches(NotificationFacts facts);

    public override string ToString()
    {
        var text = new StringBuilder();
        WriteTo(text);
        return text.ToString();
    }

    protected abstract void WriteTo(StringBuilder text);

    protected static void Write(StringBuilder text, FilterExpression part, int precedence)
    {
        var parenthesised = part.Precedence < precedence;
        text.Append(parenthesised ? "(" : "");
        part.WriteTo(text);
        text.Append(parenthesised ? ")" : "");
    }
}

internal sealed class AnyOf(IReadOnlyList<FilterExpression> choices) : FilterExpression
{
    public IReadOnlyList<FilterExpression> Choices { get; } = choices;

    protected override int Precedence => 1;

    public override bool Matches(NotificationFacts facts) => Choices.Any(choice => choice.Matches(facts));

    protected override void WriteTo(StringBuilder text)
    {
        for (var i = 0; i < Choices.Count; i++)
        {
            text.Append(i == 0 ? "" : " or ");
            Write(text, Choices[i], Precedence);
        }
    }
}

internal sealed class AllOf(IReadOnlyList<FilterExpression> parts) : FilterExpression
{
    public IReadOnlyList<FilterExpression> Parts { get; } = parts;

    protected override int Precedence => 2;

    public override bool Matches(NotificationFacts facts) => Parts.All(part => part.Matches(facts));

    protected override void WriteTo(StringBuilder text)
    {
        for (var i = 0; i < Parts.Count; i++)
        {
            text.Append(i == 0 ? "" : " and ");
            Write(text, Parts[i], Precedence);
        }
    }
}

internal sealed class Not(FilterExpression operand) : FilterExpression
{
    protected override int Precedence => 3;

    public override bool Matches(NotificationFacts facts) => !operand.Matches(facts);

    protected override void WriteTo(StringBuilder text)
    {
        text.Append("not ");
        Write(text, operand, Precedence);
    }
}

/// <summary>
/// <c>field:value</c>. The value matches a fact ignoring case, and <c>*</c> in it matches any run of
/// characters. A fact the event does not have matches nothing, so <c>not branch:main</c> admits an
/// event without a branch.
/// </summary>
internal sealed class Term(FilterField field, string value) : FilterExpression
{
    protected override int Precedence => 3;

    public override bool Matches(NotificationFacts facts) => field switch
    {
        FilterField.Label => facts.Labels.Any(Fits),
        FilterField.Author => Fits(facts.Author),
        FilterField.Is => facts.AuthorIsBot,
        FilterField.Branch => Fits(facts.Branch),
        FilterField.Environment => Fits(facts.Environment),
        FilterField.Severity => Fits(facts.Severity),
        FilterField.State => Fits(facts.State),
    };

    protected override void WriteTo(StringBuilder text) =>
        text.Append(FilterFields.NameOf(field)).Append(':').Append(Quoted(value));

    /// <summary>Quotes what would not read back as one value, preferring single quotes, which sit inside a double-quoted <c>--filter</c>.</summary>
    private static string Quoted(string value)
    {
        if (!value.Any(c => char.IsWhiteSpace(c) || c is '(' or ')') && value[0] is not ('"' or '\''))
        {
            return value;
        }

        var quote = value.Contains('\'', StringComparison.Ordinal) ? '"' : '\'';
        var escaped = value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(quote.ToString(), "\\" + quote, StringComparison.Ordinal);
        return quote + escaped + quote;
    }

    /// <summary>A glob match: the last <c>*</c> seen absorbs one more character each time the rest fails to match.</summary>
    private bool Fits(string? fact)
    {
        if (fact is null)
        {
            return false;
        }

        int v = 0, p = 0, star = -1, absorbedTo = 0;
        while (v < fact.Length)
        {
            if (p < value.Length && value[p] == '*')
            {
                star = p++;
                absorbedTo = v;
            }
            else if (p < value.Length && char.ToUpperInvariant(value[p]) == char.ToUpperInvariant(fact[v]))
            {
                p++;
                v++;
            }
            else if (star >= 0)
            {
                p = star + 1;
                v = ++absorbedTo;
            }
            else
            {
                return false;
            }
        }

        while (p < value.Length && value[p] == '*')
        {
            p++;
        }

        return p == value.Length;
    }
}

/// <summary>What a term tests. <see cref="Is"/> takes only <c>bot</c>: <c>is:bot</c> is true when a bot wrote what the event is about.</summary>
internal enum FilterField
{
    Label,
    Author,
    Is,
    Branch,
    Environment,
    Severity,
    State,
}

internal static class FilterFields
{
    public const string Bot = "bot";

    private static readonly Dictionary<string, FilterField> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["label"] = FilterField.Label,
        ["author"] = FilterField.Author,
        ["is"] = FilterField.Is,
        ["branch"] = FilterField.Branch,
        ["environment"] = FilterField.Environment,
        ["env"] = FilterField.Environment,
        ["severity"] = FilterField.Severity,
        ["state"] = FilterField.State,
    };

    public static string Known => "label, author, is:bot, branch, environment (or env), severity or state";

    public static FilterField? Named(string name) => ByName.TryGetValue(name, out var field) ? field : null;

    public static string NameOf(FilterField field) => field switch
    {
        FilterField.Label => "label",
        FilterField.Author => "author",
        FilterField.Is => "is",
        FilterField.Branch => "branch",
        FilterField.Environment => "environment",
        FilterField.Severity => "severity",
        FilterField.State => "state",
    };
}
