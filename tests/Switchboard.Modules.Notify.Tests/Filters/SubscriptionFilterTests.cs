using Switchboard.Modules.Notify.Filters;
using Switchboard.Modules.Notify.Notifications;

namespace Switchboard.Modules.Notify.Tests.Filters;

/// <summary>The filter language: what a filter means, how it is written back, and how a mistake is pointed out.</summary>
public sealed class SubscriptionFilterTests
{
    private static readonly NotificationFacts PersonsBug = NotificationFacts.None with { Labels = ["bug"], Author = "Codertocat" };
    private static readonly NotificationFacts DependabotsBug = NotificationFacts.None with { Labels = ["bug"], Author = "dependabot[bot]", AuthorIsBot = true };

    [Fact]
    public void TheIssuesExampleAdmitsAPersonsBugButNotDependabots()
    {
        var filter = Parse("label:bug and not author:dependabot[bot]");

        Assert.True(filter.Matches(PersonsBug));
        Assert.False(filter.Matches(DependabotsBug));
        Assert.False(filter.Matches(PersonsBug with { Labels = ["enhancement"] }));
    }

    [Fact]
    public void AndBindsTighterThanOr()
    {
        var onlyA = NotificationFacts.None with { Labels = ["a"] };

        Assert.True(Parse("label:a or label:b and label:c").Matches(onlyA));
        Assert.False(Parse("(label:a or label:b) and label:c").Matches(onlyA));
    }

    [Fact]
    public void NotBindsTighterThanAnd()
    {
        var onlyB = NotificationFacts.None with { Labels = ["b"] };

        Assert.True(Parse("not label:a and label:b").Matches(onlyB));
        Assert.False(Parse("not (label:a or label:b)").Matches(onlyB));
    }

    [Theory]
    [InlineData("label:BUG", true)]
    [InlineData("label:*", true)]
    [InlineData("label:b*", true)]
    [InlineData("label:*g", true)]
    [InlineData("label:*u*", true)]
    [InlineData("label:bu", false)]
    [InlineData("label:\"good first issue\"", true)]
    [InlineData("label:'good first issue'", true)]
    [InlineData("label:good*issue", true)]
    [InlineData("author:DEPENDABOT[BOT]", true)]
    [InlineData("author:*[bot]", true)]
    [InlineData("is:bot", true)]
    [InlineData("IS:Bot", true)]
    [InlineData("branch:release/*", true)]
    [InlineData("branch:release", false)]
    [InlineData("environment:production", true)]
    [InlineData("env:PRODUCTION", true)]
    [InlineData("severity:high", true)]
    [InlineData("state:merged", true)]
    [InlineData("state:closed", false)]
    public void ATermTestsItsFactIgnoringCaseWithStarMatchingAnything(string text, bool matches)
    {
        var facts = new NotificationFacts(["bug", "good first issue"], "dependabot[bot]", true, "release/1.2", "Production", "high", "merged");

        Assert.Equal(matches, Parse(text).Matches(facts));
    }

    [Theory]
    [InlineData("label:*")]
    [InlineData("author:*")]
    [InlineData("is:bot")]
    [InlineData("branch:*")]
    [InlineData("env:*")]
    [InlineData("severity:*")]
    [InlineData("state:*")]
    public void AFactTheEventLacksMatchesNothingSoNotAdmitsIt(string text)
    {
        Assert.False(Parse(text).Matches(NotificationFacts.None));
        Assert.True(Parse($"not {text}").Matches(NotificationFacts.None));
    }

    [Theory]
    [InlineData("label:bug and not author:dependabot[bot]", "label:bug and not author:dependabot[bot]")]
    [InlineData("  LABEL:Bug   AND  NOT Author:dependabot[bot] ", "label:Bug and not author:dependabot[bot]")]
    [InlineData("label:a or label:b and label:c", "label:a or label:b and label:c")]
    [InlineData("(label:a or label:b) and label:c", "(label:a or label:b) and label:c")]
    [InlineData("(label:a and label:b) or label:c", "label:a and label:b or label:c")]
    [InlineData("label:a and (label:b and label:c)", "label:a and label:b and label:c")]
    [InlineData("(label:a or (label:b or label:c))", "label:a or label:b or label:c")]
    [InlineData("((label:a))", "label:a")]
    [InlineData("not(label:a)or(label:b)", "not label:a or label:b")]
    [InlineData("not (label:a or label:b)", "not (label:a or label:b)")]
    [InlineData("not not is:BOT", "not not is:bot")]
    [InlineData("env:production", "environment:production")]
    [InlineData("label:\"good first issue\"", "label:'good first issue'")]
    [InlineData("author:\"o'brien x\"", "author:\"o'brien x\"")]
    [InlineData("label:\"say \\\"hi\\\" (twice)\"", "label:'say \"hi\" (twice)'")]
    [InlineData("label:\"it's \\\"x\\\"\"", "label:\"it's \\\"x\\\"\"")]
    [InlineData("author:o'brien", "author:o'brien")]
    [InlineData("label:area:api", "label:area:api")]
    [InlineData("branch:release/*", "branch:release/*")]
    public void TheNormalFormSpellsOutAndDropsWhatDoesNotChangeTheMeaning(string text, string normal)
    {
        Assert.Equal(normal, Parse(text).Text);
        Assert.Equal(normal, Parse(normal).Text);
    }

    [Theory]
    [InlineData("label:bug and", 14, "expected a term after \"and\"")]
    [InlineData("label:bug OR", 13, "expected a term after \"OR\"")]
    [InlineData("not", 4, "expected a term after \"not\"")]
    [InlineData("", 1, "the filter is empty; write a term such as label:bug")]
    [InlineData("and label:bug", 1, "expected a term such as label:bug, not \"and\"")]
    [InlineData("label:a and or label:b", 13, "expected a term after \"and\", not \"or\"")]
    [InlineData("()", 2, "expected a term after \"(\", not \")\"")]
    [InlineData("(label:bug", 11, "expected \")\" to close the \"(\" at 1")]
    [InlineData("label:a and (label:b or (label:c)", 34, "expected \")\" to close the \"(\" at 13")]
    [InlineData("(label:a label:b)", 10, "expected \"and\", \"or\" or \")\" before \"label:b\"")]
    [InlineData("label:bug)", 10, "this \")\" closes no \"(\"")]
    [InlineData("label:bug author:x", 11, "expected \"and\" or \"or\" before \"author:x\"")]
    [InlineData("bug", 1, "\"bug\" is not a term; write field:value, such as label:bug")]
    [InlineData("label:bug and lable:x", 15, "there is no field \"lable\"; use label, author, is:bot, branch, environment (or env), severity or state")]
    [InlineData(":bug", 1, "expected a field before \":\"; use label, author, is:bot, branch, environment (or env), severity or state")]
    [InlineData("label: and", 7, "expected a value after \"label:\"")]
    [InlineData("label:", 7, "expected a value after \"label:\"")]
    [InlineData("label:\"\"", 7, "expected a value after \"label:\", not an empty quote")]
    [InlineData("label:\"good first", 7, "this quote is never closed")]
    [InlineData("label:'good first\"", 7, "this quote is never closed")]
    [InlineData("label:\"a\"b", 10, "expected a space or \")\" after the quoted value")]
    [InlineData("is:human", 4, "\"is:\" takes only bot, not \"human\"")]
    [InlineData("and label:\"unclosed", 1, "expected a term such as label:bug, not \"and\"")]
    public void AMistakeIsPointedOutWhereItIs(string text, int position, string problem)
    {
        var (filter, error) = SubscriptionFilter.Parse(text);

        Assert.Null(filter);
        Assert.Equal(("notify.invalid-filter", $"Filter error at {position}: {problem}."), (error?.Code, error?.Detail));
    }

    [Fact]
    public void NestingIsCappedSoAFilterCannotExhaustTheStack()
    {
        var deepest = string.Concat(Enumerable.Repeat("not (", SubscriptionFilter.MaxDepth / 2)) + "label:a" + new string(')', SubscriptionFilter.MaxDepth / 2);
        var tooDeep = string.Concat(Enumerable.Repeat("not ", SubscriptionFilter.MaxDepth + 1)) + "label:a";

        var (_, error) = SubscriptionFilter.Parse(tooDeep);

        Assert.NotNull(SubscriptionFilter.Parse(deepest).Filter);
        Assert.Equal($"Filter error at {(SubscriptionFilter.MaxDepth * 4) + 1}: \"not\" and parentheses may nest at most 16 deep.", error?.Detail);
    }

    [Fact]
    public void AFilterLongerThanTheLimitIsRefusedAndOneAtTheLimitFitsItsColumnInNormalForm()
    {
        var longest = string.Join(" or ", Enumerable.Repeat("env:x", 100))[..SubscriptionFilter.MaxLength].TrimEnd(' ', 'o', 'r');

        var (_, error) = SubscriptionFilter.Parse("label:" + new string('a', SubscriptionFilter.MaxLength));

        Assert.Equal("Filter error at 501: a filter may be at most 500 characters long.", error?.Detail);
        Assert.InRange(Parse(longest).Text.Length, SubscriptionFilter.MaxLength, SubscriptionFilter.MaxNormalLength);
    }

    private static SubscriptionFilter Parse(string text)
    {
        var (filter, error) = SubscriptionFilter.Parse(text);
        Assert.True(filter is not null, error?.Detail);
        return filter;
    }
}
