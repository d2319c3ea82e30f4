using System.Net;
using Switchboard.Testing;

namespace Switchboard.Modules.Rolodex.Tests.RemoveCredential;

/// <summary><c>vault remove</c>: the entry is gone, and the reply says that the service still honours the token.</summary>
public sealed class RemoveCredentialTests(SqliteHost host) : IClassFixture<SqliteHost>
{
    [Fact]
    public async Task ARemovedTokenIsNoLongerListed()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("vault-remover", cancellationToken);
        await host.RunAsync(person, "vault set github", cancellationToken, secret: ServiceTokens.GitHub());
        await host.RunAsync(person, "vault set heroku", cancellationToken, secret: ServiceTokens.GitHub());

        var removed = await host.RunAsync(person, "vault remove github", cancellationToken);
        var list = await host.RunAsync(person, "vault list", cancellationToken);

        Assert.Equal("Removed your github token from the vault. It still works at github until you revoke it there.", removed.Text);
        Assert.Null(list.Field("github"));
        Assert.NotNull(list.Field("heroku"));
    }

    [Fact]
    public async Task RemovingATokenYouDoNotKeepIsNotFound()
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        var outcome = await host.RunAsync(host.Admin, "vault remove sentry", cancellationToken);

        Assert.Equal((HttpStatusCode.NotFound, "rolodex.no-credential"), (outcome.Status, outcome.Code));
    }

    [Fact]
    public async Task TheListOffersToRemoveEachEntryAfterAQuestion()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("vault-buttons", cancellationToken);
        await host.RunAsync(person, "vault set pagerduty", cancellationToken, secret: ServiceTokens.GitHub());

        var list = await host.RunAsync(person, "vault list", cancellationToken);

        var button = list.Body.GetProperty("blocks").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "buttons")
            .GetProperty("buttons").EnumerateArray().Single();
        Assert.Equal("vault remove pagerduty", button.GetProperty("command").GetString());
        Assert.Contains("Switchboard can no longer act as you on pagerduty", button.GetProperty("confirm").GetString(), StringComparison.Ordinal);
    }
}
