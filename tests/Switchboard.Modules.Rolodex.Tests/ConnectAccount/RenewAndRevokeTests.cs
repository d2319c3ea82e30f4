using System.Net;
using Switchboard.Testing;

namespace Switchboard.Modules.Rolodex.Tests.ConnectAccount;

/// <summary>
/// A connected account's token renewed before it expires (on the host's fake clock), a refused renewal asking to
/// reconnect, and revocation at the service by <c>rolodex disconnect</c> and <c>person disable</c>.
/// </summary>
public sealed class RenewAndRevokeTests(SqliteHost host) : IClassFixture<SqliteHost>
{
    [Fact]
    public async Task TheTokenIsRenewedWithinTheMarginBeforeItExpires()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("renewer", cancellationToken);
        var grant = await ConnectGitHubAsync("renewer", cancellationToken);
        var firstToken = grant.AccessToken;

        host.Clock.Advance(TimeSpan.FromHours(7) + TimeSpan.FromMinutes(50));
        var early = await host.RunAsync(person, "rolodex check github", cancellationToken);
        var refreshesWhileFresh = grant.Refreshes;
        host.Clock.Advance(TimeSpan.FromMinutes(6));
        var due = await host.RunAsync(person, "rolodex check github", cancellationToken);
        var again = await host.RunAsync(person, "rolodex check github", cancellationToken);

        Assert.True(early.IsSuccess, early.Detail);
        Assert.Equal(0, refreshesWhileFresh);
        Assert.True(due.IsSuccess, due.Detail);
        Assert.True(again.IsSuccess, again.Detail);
        Assert.Equal(1, grant.Refreshes);
        Assert.NotEqual(firstToken, grant.AccessToken);
        Assert.StartsWith("2026-", due.Field("Token expires"), StringComparison.Ordinal);
        Assert.DoesNotContain("in 4 minutes", due.Field("Token expires"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefusedRenewalAsksThePersonToReconnect()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("lapsed", cancellationToken);
        var grant = await ConnectGitHubAsync("lapsed", cancellationToken);
        host.GitHub.State.OAuth.Revoke(grant);

        host.Clock.Advance(TimeSpan.FromHours(8));
        var check = await host.RunAsync(person, "rolodex check github", cancellationToken);

        Assert.Equal((HttpStatusCode.Conflict, "rolodex.reconnect-needed"), (check.Status, check.Code));
        Assert.Contains("rolodex connect github", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisconnectingRevokesTheGrantAtTheServiceAndForgetsTheTokens()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("leaving-pd", cancellationToken);
        using var browser = await host.SignInAsync("leaving-pd@example.com", cancellationToken);
        var user = host.PagerDuty.State.AddUser("leaving-pd@example.com", "Lee Ving");
        host.PagerDuty.State.OAuth.SignedIn = user;
        await ServiceAuthorization.ConnectAsync(browser, "pagerduty", cancellationToken);

        var disconnected = await host.RunAsync(person, "rolodex disconnect pagerduty", cancellationToken);
        var me = await host.RunAsync(person, "whoami", cancellationToken);
        var vault = await host.RunAsync(person, "vault list", cancellationToken);
        var check = await host.RunAsync(person, "rolodex check pagerduty", cancellationToken);

        Assert.True(disconnected.IsSuccess, disconnected.Detail);
        Assert.Contains("PagerDuty confirmed that Switchboard's access is revoked", disconnected.Text, StringComparison.Ordinal);
        Assert.NotNull(host.PagerDuty.State.OAuth.Grants.Single(g => g.User == user).RevokedAt);
        Assert.Null(me.Field("pagerduty"));
        Assert.Null(vault.Field("pagerduty"));
        Assert.Equal((HttpStatusCode.NotFound, "rolodex.not-connected"), (check.Status, check.Code));
    }

    [Fact]
    public async Task DisablingAPersonRevokesTheirGrantsAtEveryService()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.AddPersonAsync("offboarded", cancellationToken);
        var gitHubGrant = await ConnectGitHubAsync("offboarded", cancellationToken);
        using var browser = await host.SignInAsync("offboarded@example.com", cancellationToken);
        var account = host.Heroku.State.AddAccount("offboarded@example.com");
        host.Heroku.State.OAuth.SignedIn = account;
        await ServiceAuthorization.ConnectAsync(browser, "heroku", cancellationToken);

        var disabled = await host.RunAsAdminAsync("person disable @offboarded", cancellationToken);

        Assert.Equal("github, heroku", disabled.Field("Grants revoked at services"));
        Assert.NotNull(gitHubGrant.RevokedAt);
        Assert.NotNull(host.Heroku.State.OAuth.Grants.Single(g => g.User == account).RevokedAt);
    }

    private async Task<Emulators.OAuth.OAuthGrant<Emulators.GitHub.GitHubUser>> ConnectGitHubAsync(string handle, CancellationToken cancellationToken)
    {
        using var browser = await host.SignInAsync($"{handle}@example.com", cancellationToken);
        var user = host.GitHub.State.AddUser(handle + "-gh");
        host.GitHub.State.OAuth.SignedIn = user;
        var connected = await ServiceAuthorization.ConnectAsync(browser, "github", cancellationToken);
        Assert.True(connected.Status == HttpStatusCode.OK, connected.Text);
        return host.GitHub.State.OAuth.Grants.Single(g => g.User == user);
    }
}
