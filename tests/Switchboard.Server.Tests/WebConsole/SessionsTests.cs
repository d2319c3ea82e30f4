using System.Net;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.WebConsole;

public sealed class SessionsTests(SqliteHost host) : IClassFixture<SqliteHost>
{
    [Fact]
    public async Task SessionsListsEachBrowserWithAButtonThatSignsItOutAfterConfirmation()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var laptop = await host.SignInAsync("two-browsers@example.com", cancellationToken);
        using var phone = new ConsoleSession(host.BaseAddress, "Mozilla/5.0 (Linux; Android 15) Firefox/140.0");
        await phone.SignInAsync(await host.SignInLinkAsync("two-browsers@example.com", cancellationToken), cancellationToken);

        var sessions = await laptop.GetAsync("/sessions", cancellationToken);
        var confirm = await laptop.SubmitAsync("/confirm", sessions, ButtonAsking(sessions, "Firefox on Android"), cancellationToken);
        var revoked = await laptop.SubmitAsync("/", confirm, [new("line", confirm.FormValue("line")), new("key", confirm.FormValue("key"))], cancellationToken);
        var phoneAfterwards = await phone.GetAsync("/", cancellationToken);
        var laptopAfterwards = await laptop.GetAsync("/", cancellationToken);

        Assert.Contains("Chrome on Linux", sessions.Text, StringComparison.Ordinal);
        Assert.Contains("Sign out Firefox on Android", confirm.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, revoked.Status);
        Assert.Contains("Signed out Firefox on Android", revoked.Text, StringComparison.Ordinal);
        Assert.Equal("/signin?reason=auth.session-ended", phoneAfterwards.RedirectedTo);
        Assert.Equal(HttpStatusCode.OK, laptopAfterwards.Status);
        Assert.Null(laptopAfterwards.RedirectedTo);
    }

    [Fact]
    public async Task ASessionRevokedThroughTheApiIsRefusedOnItsNextRequest()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("revoked", cancellationToken);
        using var browser = await host.SignInAsync("revoked@example.com", cancellationToken);
        var openPage = await browser.GetAsync("/", cancellationToken);
        Assert.Equal(HttpStatusCode.OK, openPage.Status);

        var revoke = await host.RunAsync(person, "sessions revoke --all", cancellationToken);
        var post = await browser.SubmitAsync("/", openPage, [new("line", "whoami"), new("key", openPage.FormValue("key"))], cancellationToken);
        var page = await browser.GetAsync("/", cancellationToken);

        Assert.Equal("Signed out 1 browser; they are refused from now on.", revoke.Text);
        Assert.Equal("/signin?reason=auth.session-ended", post.RedirectedTo);
        Assert.Contains("signed out or revoked", post.Text, StringComparison.Ordinal);
        Assert.StartsWith("/signin", page.RedirectedTo, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokingNeedsOneSessionOrAll()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("vague", cancellationToken);

        var neither = await host.RunAsync(person, "sessions revoke", cancellationToken);
        var unknown = await host.RunAsync(person, "sessions revoke abcdef12", cancellationToken);

        Assert.Equal("rolodex.session-or-all", neither.Code);
        Assert.Equal((HttpStatusCode.NotFound, "rolodex.unknown-session"), (unknown.Status, unknown.Code));
    }

    [Fact]
    public async Task SessionsExpireAfterAWeek()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var browser = await host.SignInAsync("week@example.com", cancellationToken);

        host.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        var page = await browser.GetAsync("/", cancellationToken);

        Assert.Equal("/signin?reason=auth.session-expired", page.RedirectedTo);
    }

    /// <summary>The fields of the button whose confirmation question mentions this text; every button here asks one.</summary>
    private static KeyValuePair<string, string>[] ButtonAsking(ConsolePage page, string text)
    {
        var questions = page.FormValues("question");
        var index = questions.Select((question, i) => (question, i)).Single(q => q.question.Contains(text, StringComparison.Ordinal)).i;
        return [new("line", page.FormValues("line")[index]), new("key", page.FormValues("key")[index]), new("question", questions[index])];
    }
}
