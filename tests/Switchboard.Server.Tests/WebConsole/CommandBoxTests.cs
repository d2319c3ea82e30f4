using System.Net;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.WebConsole;

public sealed class CommandBoxTests(SqliteHost host) : IClassFixture<SqliteHost>
{
    [Fact]
    public async Task ACommandRunsAsTheSignedInPersonThroughTheWeb()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var browser = await host.SignInAsync("runner@example.com", cancellationToken);

        var page = await browser.RunAsync("whoami", cancellationToken);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("runner@example.com", page.Text, StringComparison.Ordinal);
        Assert.Contains("Signed in through web", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RepliesAreRenderedAsHtmlWithTheirSeverity()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.AddPersonAsync("lead", cancellationToken, admin: true);
        using var browser = await host.SignInAsync("lead@example.com", cancellationToken);

        var page = await browser.RunAsync("team create html-team", cancellationToken);

        Assert.Contains("class=\"reply severity-success\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("<strong>html-team</strong>", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadCommandGetsItsStatusAndCodeAndTheBoxStaysUsable()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var browser = await host.SignInAsync("typo@example.com", cancellationToken);

        var unknown = await browser.RunAsync("whomai", cancellationToken);
        var empty = await browser.RunAsync("   ", cancellationToken);
        var forbidden = await browser.RunAsync("team create not-mine", cancellationToken);

        Assert.Equal((HttpStatusCode.NotFound, "core.unknown-command"), (unknown.Status, unknown.LastErrorCode));
        Assert.Contains("whoami", unknown.Text, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.BadRequest, "console.empty-command"), (empty.Status, empty.LastErrorCode));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.Status);
        Assert.Contains("name=\"line\"", forbidden.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTranscriptKeepsEarlierCommandsAndOffersThemAgain()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var browser = await host.SignInAsync("history@example.com", cancellationToken);
        await browser.RunAsync("whoami", cancellationToken);
        await browser.RunAsync("team list", cancellationToken);

        var console = await browser.GetAsync("/", cancellationToken);

        Assert.Equal(2, console.Replies.Count);
        Assert.Contains("<option value=\"team list\"></option><option value=\"whoami\"></option>", console.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResubmittingTheSameFormDoesNotRunTheCommandTwice()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var browser = await host.SignInAsync("twice@example.com", cancellationToken);
        var console = await browser.GetAsync("/", cancellationToken);
        KeyValuePair<string, string>[] form = [new("line", "say #ops resubmitted once"), new("key", console.FormValue("key"))];

        await browser.SubmitAsync("/", console, form, cancellationToken);
        var again = await browser.SubmitAsync("/", console, form, cancellationToken);

        var ops = await browser.GetAsync("/channels/ops", cancellationToken);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Single(ops.Replies, reply => reply.ToString().Contains("resubmitted once", StringComparison.Ordinal));
        Assert.Single((await browser.GetAsync("/", cancellationToken)).Replies);
    }

    [Fact]
    public async Task ASecretIsShownOnceAndNotKeptInTheTranscript()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var browser = await host.SignInAsync("secretive@example.com", cancellationToken);

        var created = await browser.RunAsync("token create console-laptop", cancellationToken);
        var later = await browser.GetAsync("/", cancellationToken);

        Assert.Matches("swb_[0-9A-Za-z]{38}", created.Html);
        Assert.DoesNotMatch("swb_[0-9A-Za-z]{38}", later.Html);
        Assert.Contains("showed a secret once", later.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PagesForbidFramingAndForeignScripts()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var browser = await host.SignInAsync("headers@example.com", cancellationToken);

        var console = await browser.GetAsync("/", cancellationToken);

        var policy = string.Join(' ', console.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarkupInRepliesIsShownNotObeyed()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var browser = await host.SignInAsync("mallory@example.com", cancellationToken);

        await browser.RunAsync("say #ops <script>alert(1)</script> [click](javascript:alert(1))", cancellationToken);
        var ops = await browser.GetAsync("/channels/ops", cancellationToken);

        Assert.DoesNotContain("<script>alert", ops.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"javascript:", ops.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", ops.Html, StringComparison.Ordinal);
    }
}
