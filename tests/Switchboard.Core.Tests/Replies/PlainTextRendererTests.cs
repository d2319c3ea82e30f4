using Switchboard.Core.Replies;

namespace Switchboard.Core.Tests.Replies;

public sealed class PlainTextRendererTests
{
    [Fact]
    public void AlignsFieldValuesAfterTheLongestName()
    {
        var reply = Reply.Build().Fields(("Name", "Alice"), ("Time zone", "Europe/Paris"), ("Team", "ops")).ToReply();

        var text = PlainTextRenderer.Render(reply);

        Assert.Equal(Lines("Name:      Alice", "Time zone: Europe/Paris", "Team:      ops"), text);
    }

    [Fact]
    public void IndentsASectionsContentUnderItsTitle()
    {
        var reply = Reply.Build()
            .Line("Team ops")
            .Section("Members", members => members
                .Fields(("Lead", "alice"), ("On call", "bob"))
                .Section("Former", former => former.Line("carol")))
            .Line("Owned by platform")
            .ToReply();

        var text = PlainTextRenderer.Render(reply);

        Assert.Equal(
            Lines(
                "Team ops",
                "Members",
                "  Lead:    alice",
                "  On call: bob",
                "  Former",
                "    carol",
                "Owned by platform"),
            text);
    }

    [Fact]
    public void IndentsEveryLineOfMultiLineTextInASection()
    {
        var reply = Reply.Build().Section("Examples", s => s.Line("team create ops\nteam add ops @alice")).ToReply();

        var text = PlainTextRenderer.Render(reply);

        Assert.Equal(Lines("Examples", "  team create ops", "  team add ops @alice"), text);
    }

    [Fact]
    public void PrefixesAnErrorWithItsSeverity()
    {
        var text = PlainTextRenderer.Render(Reply.Text("No such team.", Severity.Error));

        Assert.Equal("Error: No such team.", text);
    }

    [Fact]
    public void PrefixesAWarningWithItsSeverity()
    {
        var text = PlainTextRenderer.Render(Reply.Text("Production is frozen.", Severity.Warning));

        Assert.Equal("Warning: Production is frozen.", text);
    }

    [Theory]
    [InlineData(Severity.Info)]
    [InlineData(Severity.Success)]
    public void LeavesOtherSeveritiesUnprefixed(Severity severity)
    {
        var text = PlainTextRenderer.Render(Reply.Text("Done.", severity));

        Assert.Equal("Done.", text);
    }

    [Fact]
    public void RendersButtonsAsTheirLabelAndCommand()
    {
        var reply = Reply.Build()
            .Line("Page 1234 is open.")
            .Buttons(
                new Button("Acknowledge", "pages ack 1234", null, ButtonStyle.Primary, "k1"),
                new Button("Resolve", "pages resolve 1234", "Resolve page 1234?", ButtonStyle.Danger, "k2"))
            .ToReply();

        var text = PlainTextRenderer.Render(reply);

        Assert.Equal(Lines("Page 1234 is open.", "[Acknowledge] pages ack 1234", "[Resolve] pages resolve 1234"), text);
    }

    [Fact]
    public void RendersALinkAsItsTextAndUrl()
    {
        var reply = Reply.Build().Link("Runbook", new Uri("https://runbooks.example.com/ops")).ToReply();

        var text = PlainTextRenderer.Render(reply);

        Assert.Equal("Runbook: https://runbooks.example.com/ops", text);
    }

    [Fact]
    public void RendersAnEmptyReplyAsNothing()
    {
        Assert.Equal("", PlainTextRenderer.Render(new Reply([])));
    }

    private static string Lines(params string[] lines) => string.Join(Environment.NewLine, lines);
}
