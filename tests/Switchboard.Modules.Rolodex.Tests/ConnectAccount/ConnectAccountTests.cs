using System.Net;
using Switchboard.Testing;

namespace Switchboard.Modules.Rolodex.Tests.ConnectAccount;

/// <summary>
/// <c>rolodex connect</c> and the console's OAuth flow against the emulated GitHub, Heroku and PagerDuty: the
/// service proves the account, the grant's tokens go to the vault, and the state ties the flow to one session, once.
/// </summary>
public sealed class ConnectAccountTests(SqliteHost host) : IClassFixture<SqliteHost>
{
    [Fact]
    public async Task ConnectingGitHubProvesTheAccountAndKeepsARenewableTokenInTheVault()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("octo", cancellationToken);
        using var browser = await host.SignInAsync("octo@example.com", cancellationToken);
        var user = host.GitHub.State.AddUser("Octo-Cat");
        host.GitHub.State.OAuth.SignedIn = user;

        var asked = await host.RunAsync(person, "rolodex connect github", cancellationToken);
        var connected = await ServiceAuthorization.ConnectAsync(browser, "github", cancellationToken);
        var me = await host.RunAsync(person, "whoami", cancellationToken);
        var vault = await host.RunAsync(person, "vault list", cancellationToken);
        var check = await host.RunAsync(person, "rolodex check github", cancellationToken);

        Assert.Contains("/connect/github", asked.Body.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, connected.Status);
        Assert.Contains("Connected your GitHub account octo-cat", connected.Text, StringComparison.Ordinal);
        Assert.Contains($"octo-cat ({user.Id})", connected.Text, StringComparison.Ordinal);
        Assert.Equal("octo-cat (proven)", me.Field("github"));
        Assert.Contains("renewable", vault.Field("github"), StringComparison.Ordinal);
        Assert.Contains("Switchboard acts as you on GitHub as octo-cat", check.Text, StringComparison.Ordinal);
        Assert.True(host.GitHub.State.OAuth.TokenRequests.Last(r => r.GrantType == "authorization_code").PkceVerified);
        var grant = host.GitHub.State.OAuth.Grants.Single(g => g.User == user);
        Assert.DoesNotContain(grant.AccessToken, connected.Html + me.Body.GetRawText() + vault.Body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectingHerokuLinksTheAccountByItsEmailWithoutPkce()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("deployer", cancellationToken);
        using var browser = await host.SignInAsync("deployer@example.com", cancellationToken);
        var account = host.Heroku.State.AddAccount("Deployer@Example.com", "Dee Ployer");
        host.Heroku.State.OAuth.SignedIn = account;

        var connected = await ServiceAuthorization.ConnectAsync(browser, "heroku", cancellationToken);
        var me = await host.RunAsync(person, "whoami", cancellationToken);
        var check = await host.RunAsync(person, "rolodex check heroku", cancellationToken);

        Assert.Equal(HttpStatusCode.OK, connected.Status);
        Assert.Contains($"deployer@example.com ({account.Id})", connected.Text, StringComparison.Ordinal);
        Assert.Equal("deployer@example.com (proven)", me.Field("heroku"));
        Assert.True(check.IsSuccess, check.Detail);
        Assert.Null(host.Heroku.State.OAuth.TokenRequests.Last(r => r.GrantType == "authorization_code").PkceVerified);
    }

    [Fact]
    public async Task ConnectingPagerDutyLinksTheUserIdWithPkce()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("oncall", cancellationToken);
        using var browser = await host.SignInAsync("oncall@example.com", cancellationToken);
        var user = host.PagerDuty.State.AddUser("oncall@example.com", "On Call");
        host.PagerDuty.State.OAuth.SignedIn = user;

        var connected = await ServiceAuthorization.ConnectAsync(browser, "pagerduty", cancellationToken);
        var me = await host.RunAsync(person, "whoami", cancellationToken);

        Assert.Equal(HttpStatusCode.OK, connected.Status);
        Assert.Contains($"{user.Id} (oncall@example.com)", connected.Text, StringComparison.Ordinal);
        Assert.Equal($"{user.Id} (proven)", me.Field("pagerduty"));
        Assert.True(host.PagerDuty.State.OAuth.TokenRequests.Last(r => r.GrantType == "authorization_code").PkceVerified);
    }

    [Fact]
    public async Task AStateFromAnotherSessionIsRefusedAndConnectsNothing()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var victim = await host.AddPersonAsync("victim", cancellationToken);
        await host.AddPersonAsync("attacker", cancellationToken);
        using var attacker = await host.SignInAsync("attacker@example.com", cancellationToken);
        using var victimBrowser = await host.SignInAsync("victim@example.com", cancellationToken);
        host.GitHub.State.OAuth.SignedIn = host.GitHub.State.AddUser("attacker-gh");

        // The attacker authorizes their own account and sends the victim the link back, to tie it to the victim.
        var attackersCallback = await ServiceAuthorization.AuthorizeAsync(attacker, "github", cancellationToken);
        var forced = await ServiceAuthorization.ReturnAsync(victimBrowser, attackersCallback, cancellationToken);
        var me = await host.RunAsync(victim, "whoami", cancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, forced.Status);
        Assert.Contains("data-error-code=\"rolodex.connect-unknown-state\"", forced.Html, StringComparison.Ordinal);
        Assert.Null(me.Field("github"));
    }

    [Fact]
    public async Task AReplayedOrMadeUpStateIsRefused()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.AddPersonAsync("replayer", cancellationToken);
        using var browser = await host.SignInAsync("replayer@example.com", cancellationToken);
        host.GitHub.State.OAuth.SignedIn = host.GitHub.State.AddUser("replayer-gh");
        var callback = await ServiceAuthorization.AuthorizeAsync(browser, "github", cancellationToken);

        var first = await ServiceAuthorization.ReturnAsync(browser, callback, cancellationToken);
        var replayed = await ServiceAuthorization.ReturnAsync(browser, callback, cancellationToken);
        var madeUp = await browser.GetAsync("/connect/github/callback?code=0123456789abcdef&state=guessed", cancellationToken);
        var missing = await browser.GetAsync("/connect/github/callback", cancellationToken);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.Conflict, replayed.Status);
        Assert.Contains("data-error-code=\"rolodex.connect-state-used\"", replayed.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, madeUp.Status);
        Assert.Contains("data-error-code=\"rolodex.connect-unknown-state\"", madeUp.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
    }

    [Fact]
    public async Task DecliningAtTheServiceConnectsNothing()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("decliner", cancellationToken);
        using var browser = await host.SignInAsync("decliner@example.com", cancellationToken);
        host.PagerDuty.State.OAuth.SignedIn = host.PagerDuty.State.AddUser("decliner@example.com", "Dee Cliner");
        host.PagerDuty.State.OAuth.Declines = true;
        try
        {
            var declined = await ServiceAuthorization.ConnectAsync(browser, "pagerduty", cancellationToken);
            var check = await host.RunAsync(person, "rolodex check pagerduty", cancellationToken);

            Assert.Equal(HttpStatusCode.Forbidden, declined.Status);
            Assert.Contains("data-error-code=\"rolodex.connect-declined\"", declined.Html, StringComparison.Ordinal);
            Assert.Equal((HttpStatusCode.NotFound, "rolodex.not-connected"), (check.Status, check.Code));
        }
        finally
        {
            host.PagerDuty.State.OAuth.Declines = false;
        }
    }

    [Fact]
    public async Task AClaimedAccountIsNeverTreatedAsProvenAndGivesWayToTheProof()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var squatter = await host.AddPersonAsync("squatter", cancellationToken);
        var owner = await host.AddPersonAsync("owner", cancellationToken);
        await host.RunAsync(squatter, "rolodex link github real-owner", cancellationToken);
        await host.RunAsync(squatter, "vault set github", cancellationToken, secret: ServiceTokens.GitHub());

        var claimed = await host.RunAsync(squatter, "rolodex check github", cancellationToken);
        using var browser = await host.SignInAsync("owner@example.com", cancellationToken);
        host.GitHub.State.OAuth.SignedIn = host.GitHub.State.AddUser("real-owner");
        var connected = await ServiceAuthorization.ConnectAsync(browser, "github", cancellationToken);
        var ownerCard = await host.RunAsync(owner, "whoami", cancellationToken);
        var squatterCard = await host.RunAsync(squatter, "whoami", cancellationToken);

        Assert.Equal((HttpStatusCode.NotFound, "rolodex.not-connected"), (claimed.Status, claimed.Code));
        Assert.Equal(HttpStatusCode.OK, connected.Status);
        Assert.Equal("real-owner (proven)", ownerCard.Field("github"));
        Assert.Null(squatterCard.Field("github"));
    }
}
