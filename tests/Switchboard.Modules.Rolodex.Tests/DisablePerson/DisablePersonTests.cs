using System.Net;
using Switchboard.Testing;

namespace Switchboard.Modules.Rolodex.Tests.DisablePerson;

/// <summary>
/// <c>person disable</c> and <c>person enable</c>: offboarding revokes everything that lets a person in or
/// acts as them, at once, and keeps what they did.
/// </summary>
public abstract class DisablePersonTests(SwitchboardHost host)
{
    [Fact]
    public async Task DisablingRevokesSessionsTokensLinksAndVaultEntriesAndSaysHowMany()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var leaver = await host.AddPersonAsync("leaver", cancellationToken);
        await host.RunAsync(leaver, "token create laptop", cancellationToken);
        await host.RunAsync(leaver, "vault set github", cancellationToken, secret: ServiceTokens.GitHub());
        await host.RunAsync(leaver, "vault set heroku", cancellationToken, secret: ServiceTokens.GitHub());
        using var browser = await host.SignInAsync("leaver@example.com", cancellationToken);
        await host.SignInLinkAsync("leaver@example.com", cancellationToken);

        var disabled = await host.RunAsAdminAsync("person disable @leaver", cancellationToken);

        Assert.StartsWith("Disabled **leaver** (@leaver)", disabled.Body.GetProperty("blocks")[0].GetProperty("markdown").GetString(), StringComparison.Ordinal);
        Assert.Equal(("1", "2", "1", "2"), (disabled.Field("Web sessions"), disabled.Field("API tokens"), disabled.Field("Sign-in links"), disabled.Field("Vault entries")));
    }

    [Fact]
    public async Task ADisabledPersonCanNeitherSignInNorRunCommands()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var leaver = await host.AddPersonAsync("blocked", cancellationToken);
        using var browser = await host.SignInAsync("blocked@example.com", cancellationToken);
        var unusedLink = await host.SignInLinkAsync("blocked@example.com", cancellationToken);

        await host.RunAsAdminAsync("person disable @blocked", cancellationToken);
        var api = await host.RunAsync(leaver, "whoami", cancellationToken);
        var console = await browser.GetAsync("/", cancellationToken);
        using var stranger = new ConsoleSession(host.BaseAddress);
        var link = await stranger.GetAsync(unusedLink.PathAndQuery, cancellationToken);
        var invite = await host.RunAsync(host.Admin, "person invite blocked@example.com", cancellationToken);
        var newToken = await host.TokenForAsync("blocked", Core.Commands.ActorAccess.ReadWrite, cancellationToken);
        var withNewToken = await host.RunAsync(newToken, "whoami", cancellationToken);

        Assert.Equal((HttpStatusCode.Unauthorized, "auth.person-disabled"), (api.Status, api.Code));
        Assert.Equal("/signin?reason=auth.person-disabled", console.RedirectedTo);
        Assert.Contains("Your access to Switchboard is disabled", console.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, link.Status);
        Assert.Equal((HttpStatusCode.Conflict, "rolodex.person-disabled"), (invite.Status, invite.Code));
        Assert.Equal((HttpStatusCode.Unauthorized, "auth.person-disabled"), (withNewToken.Status, withNewToken.Code));
    }

    [Fact]
    public async Task TheirHistoryStaysAndTheDisablingIsAudited()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var leaver = await host.AddPersonAsync("historic", cancellationToken);
        await host.RunAsync(leaver, "token create ci", cancellationToken);

        await host.RunAsAdminAsync("person disable @historic", cancellationToken);
        await host.RunAsAdminAsync("person enable @historic", cancellationToken);
        var audit = await host.RunAsAdminAsync("audit tail --count 100", cancellationToken);
        var card = await host.RunAsAdminAsync("whois @historic", cancellationToken);

        Assert.Contains($"{leaver.Id} succeeded: token create ci", audit.Text, StringComparison.Ordinal);
        Assert.Contains($"{host.Admin.Id} succeeded: person disable @historic", audit.Text, StringComparison.Ordinal);
        Assert.Contains($"{host.Admin.Id} succeeded: person enable @historic", audit.Text, StringComparison.Ordinal);
        Assert.Equal("historic@example.com", card.Field("Email"));
    }

    [Fact]
    public async Task EnablingLetsThemSignInAgainWhileWhatWasRevokedStaysRevoked()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var returner = await host.AddPersonAsync("returner", cancellationToken);
        await host.RunAsync(returner, "vault set github", cancellationToken, secret: ServiceTokens.GitHub());
        await host.RunAsAdminAsync("person disable @returner", cancellationToken);

        var enabled = await host.RunAsAdminAsync("person enable @returner", cancellationToken);
        var oldToken = await host.RunAsync(returner, "whoami", cancellationToken);
        using var browser = await host.SignInAsync("returner@example.com", cancellationToken);
        var vault = await browser.RunAsync("vault list", cancellationToken);

        Assert.StartsWith("Enabled @returner again.", enabled.Text, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Unauthorized, "auth.token-revoked"), (oldToken.Status, oldToken.Code));
        Assert.StartsWith("You keep no tokens in the vault.", vault.LastReply?.GetProperty("blocks")[0].GetProperty("markdown").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PeopleListsShowWhoIsDisabled()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.AddPersonAsync("listed", cancellationToken);

        await host.RunAsAdminAsync("person disable @listed", cancellationToken);
        var people = await host.RunAsAdminAsync("person list", cancellationToken);
        var card = await host.RunAsAdminAsync("whois @listed", cancellationToken);

        Assert.Equal("listed <listed@example.com> (disabled)", people.Field("@listed"));
        Assert.Contains("**disabled**", card.Body.GetProperty("blocks")[0].GetProperty("markdown").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdministratorCannotDisableThemselves()
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        var outcome = await host.RunAsync(host.Admin, "person disable @admin", cancellationToken);

        Assert.Equal((HttpStatusCode.Conflict, "rolodex.cannot-disable-yourself"), (outcome.Status, outcome.Code));
    }

    [Fact]
    public async Task OnlyAdministratorsMayDisableOrEnable()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var colleague = await host.AddPersonAsync("colleague", cancellationToken);
        await host.AddPersonAsync("target", cancellationToken);

        var disable = await host.RunAsync(colleague, "person disable @target", cancellationToken);
        var enable = await host.RunAsync(colleague, "person enable @target", cancellationToken);

        Assert.Equal((HttpStatusCode.Forbidden, "core.permission-denied"), (disable.Status, disable.Code));
        Assert.Equal((HttpStatusCode.Forbidden, "core.permission-denied"), (enable.Status, enable.Code));
    }
}

public sealed class DisablePersonOnSqliteTests(SqliteHost host) : DisablePersonTests(host), IClassFixture<SqliteHost>;

public sealed class DisablePersonOnPostgresTests(PostgresHost host) : DisablePersonTests(host), IClassFixture<PostgresHost>;
