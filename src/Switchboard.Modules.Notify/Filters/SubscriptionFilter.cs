using Switchboard.Core.Errors;
using Switchboard.Modules.Notify.Notifications;

namespace Switchboard.Modules.Notify.Filters;

/// <summary>
/// Which of a subscription's notifications a channel wants, e.g. <c>label:bug and not author:dependabot[bot]</c>:
/// terms over a notification's facts joined by <c>and</c>, <c>or</c>, <c>not</c> and parentheses
/// (<see cref="FilterParser"/> has the grammar). <see cref="Text"/> is its normal form, which is stored
/// and shown, and which parses back to itself: field names spelled out, keywords in lower case, parentheses
/// only where they change the meaning, values as typed.
/// </summary>
internal sealed class SubscriptionFilter
{
    public const int MaxLength = 500;

    public const int MaxDepth = 16;

    /// <summary>Spelling out <c>env</c> and quoting can lengthen a filter in normal form, never to twice its length.</summary>
    public const int MaxNormalLength = 2 * MaxLength;

    private readonly FilterExpression _expression;

    private SubscriptionFilter(FilterExpression expression)
    {
        _expression = expression;
        Text = expression.ToString();
    }

    public string Text { get; }

    public static (SubscriptionFilter? Filter, Error? Error) Parse(string text)
    {
        var (expression, error) = FilterParser.Parse(text);
        return expression is null ? (null, error) : (new SubscriptionFilter(expression), null);
    }

    /// <summary>A filter as stored, which parsed when it was saved.</summary>
    public static SubscriptionFilter FromStored(string text) =>
        Parse(text).Filter ?? throw new InvalidOperationException($"The stored filter '{text}' no longer parses.");

    public bool Matches(NotificationFacts facts) => _expression.Matches(facts);

    public override string ToString() => Text;
}
