using Switchboard.Core.Replies;
using Switchboard.Modules.Notify.Notifications;
using Switchboard.Testing;

namespace Switchboard.Modules.Notify.Tests.Notifications;

public sealed class GitHubNotificationsTests
{
    [Fact]
    public void RendersEveryFixtureAsApproved()
    {
        var renderings = Fixtures.Of("github").Select(f => (f, GitHubNotifications.From(EventType(f), Fixtures.Read(f))));

        var transcript = NotificationTranscript.Of(renderings);

        ApprovedFile.AssertMatches(transcript, "GitHub");
    }

    [Fact]
    public void AMergedPullRequestIsReportedAsMerged()
    {
        var payload = Fixtures.Read("github/pull_request/closed.payload.json", pr => pr["pull_request"]!["merged"] = true);

        var notification = GitHubNotifications.From("pull_request", payload)!;

        Assert.StartsWith("Codertocat merged pull request", PlainTextRenderer.Render(notification.Message), StringComparison.Ordinal);
        Assert.Equal(Severity.Success, notification.Message.Severity);
        Assert.Equal("merged", notification.Facts.State);
    }

    [Fact]
    public void AClosedUnmergedPullRequestIsReportedAsUnmerged()
    {
        var notification = GitHubNotifications.From("pull_request", Fixtures.Read("github/pull_request/closed.payload.json"))!;

        Assert.StartsWith("Codertocat closed unmerged pull request", PlainTextRenderer.Render(notification.Message), StringComparison.Ordinal);
        Assert.Equal(Severity.Info, notification.Message.Severity);
        Assert.Equal("closed", notification.Facts.State);
    }

    [Fact]
    public void AFailedCheckRunIsAnError()
    {
        var payload = Fixtures.Read("github/check_run/completed.payload.json", run => run["check_run"]!["conclusion"] = "failure");

        var notification = GitHubNotifications.From("check_run", payload)!;

        Assert.Equal(Severity.Error, notification.Message.Severity);
        Assert.Contains(") failed on `changes`", PlainTextRenderer.Render(notification.Message), StringComparison.Ordinal);
        Assert.Equal("failure", notification.Facts.State);
    }

    [Fact]
    public void ATitleWithBracketsKeepsItsLinkIntact()
    {
        var payload = Fixtures.Read("github/issues/opened.payload.json", issue => issue["issue"]!["title"] = "[BUG] crash on start");

        var notification = GitHubNotifications.From("issues", payload)!;

        Assert.StartsWith(
            "Codertocat opened issue [#1 (BUG) crash on start](https://github.com/Codertocat/Hello-World/issues/1) in",
            PlainTextRenderer.Render(notification.Message),
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dependabot[bot]", "Bot", true)]
    [InlineData("renovate[bot]", "User", true)]
    [InlineData("some-ci", "Bot", true)]
    [InlineData("Codertocat", "User", false)]
    public void AnAuthorIsABotByTypeOrByLogin(string login, string type, bool isBot)
    {
        var payload = Fixtures.Read("github/pull_request/opened.payload.json", pr =>
        {
            pr["pull_request"]!["user"]!["login"] = login;
            pr["pull_request"]!["user"]!["type"] = type;
        });

        var facts = GitHubNotifications.From("pull_request", payload)!.Facts;

        Assert.Equal(login, facts.Author);
        Assert.Equal(isBot, facts.AuthorIsBot);
    }

    [Theory]
    [InlineData("github/create/payload.json")]
    [InlineData("github/issues/edited.payload.json")]
    [InlineData("github/check_suite/requested.payload.json")]
    [InlineData("github/check_run/created.payload.json")]
    [InlineData("github/pull_request/synchronize.payload.json")]
    [InlineData("github/release/created.payload.json")]
    public void EventsNobodyActsOnAreNotNotified(string fixture)
    {
        var notification = GitHubNotifications.From(EventType(fixture), Fixtures.Read(fixture));

        Assert.Null(notification);
    }

    [Theory]
    [InlineData("issues", """{"action":"opened","repository":{"full_name":"Codertocat/Hello-World"}}""", "GitHub `issues` event (opened) in `Codertocat/Hello-World`")]
    [InlineData("push", """{"ref":"refs/heads/main"}""", "GitHub `push` event")]
    [InlineData("deployment_status", "[]", "GitHub `deployment_status` event")]
    public void APayloadMissingWhatItNeedsGetsAGenericMessage(string eventType, string json, string expected)
    {
        var notification = GitHubNotifications.From(eventType, Fixtures.Parse(json))!;

        Assert.Equal(expected, PlainTextRenderer.Render(notification.Message));
        Assert.Null(notification.ThreadKey);
        Assert.Equal(NotificationFacts.None, notification.Facts);
    }

    // octokit's examples are <event>/<action>.payload.json; other collections name files <event>.<action>.json.
    private static string EventType(string fixture)
    {
        var file = Path.GetFileName(fixture);
        return file.EndsWith("payload.json", StringComparison.Ordinal)
            ? Path.GetFileName(Path.GetDirectoryName(fixture))!
            : file[..file.IndexOf('.', StringComparison.Ordinal)];
    }
}
