using System.Net;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.WebConsole;

/// <summary>The console's Vault page: a form that stores a token, and the list without any token.</summary>
public sealed class VaultPageTests(SqliteHost host) : IClassFixture<SqliteHost>
{
    [Fact]
    public async Task TheFormStoresATokenThatNoPageShowsAgain()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var browser = await host.SignInAsync("vault-page@example.com", cancellationToken);
        var vault = await browser.GetAsync("/vault", cancellationToken);
        var token = ServiceTokens.GitHub();

        var stored = await browser.SubmitAsync("/vault", vault, Form(vault, "github", token, "repo read:org", "2027-01-31"), cancellationToken);
        var later = await browser.GetAsync("/vault", cancellationToken);
        var console = await browser.GetAsync("/", cancellationToken);

        Assert.Equal(HttpStatusCode.OK, stored.Status);
        Assert.Contains("Keeping your github token in the vault", stored.Text, StringComparison.Ordinal);
        Assert.Contains("github scopes repo, read:org; expires 2027-01-31 00:00Z", later.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(token, stored.Html + later.Html + console.Html, StringComparison.Ordinal);
        Assert.Contains("type=\"password\"", vault.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefusedFormDoesNotShowTheTokenAgain()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var browser = await host.SignInAsync("vault-typo@example.com", cancellationToken);
        var vault = await browser.GetAsync("/vault", cancellationToken);
        var token = ServiceTokens.GitHub();

        var refused = await browser.SubmitAsync("/vault", vault, Form(vault, "Git Hub", token, "", ""), cancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("data-error-code=\"rolodex.invalid-vault-service\"", refused.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(token, refused.Html, StringComparison.Ordinal);
        Assert.Contains("You keep no tokens in the vault.", refused.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEntryIsRemovedWithItsButtonAfterConfirmation()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var browser = await host.SignInAsync("vault-tidy@example.com", cancellationToken);
        var vault = await browser.GetAsync("/vault", cancellationToken);
        var stored = await browser.SubmitAsync("/vault", vault, Form(vault, "heroku", ServiceTokens.GitHub(), "", ""), cancellationToken);

        var confirm = await browser.SubmitAsync(
            "/confirm", stored, [new("line", stored.FormValues("line").Single()), new("key", stored.FormValues("key")[0]), new("question", stored.FormValue("question"))], cancellationToken);
        var removed = await browser.SubmitAsync("/", confirm, [new("line", confirm.FormValue("line")), new("key", confirm.FormValue("key"))], cancellationToken);
        var later = await browser.GetAsync("/vault", cancellationToken);

        Assert.Equal("vault remove heroku", confirm.FormValue("line"));
        Assert.Contains("Removed your heroku token from the vault", removed.Text, StringComparison.Ordinal);
        Assert.Contains("You keep no tokens in the vault.", later.Text, StringComparison.Ordinal);
    }

    private static KeyValuePair<string, string>[] Form(ConsolePage page, string service, string token, string scopes, string expires) =>
    [
        new("key", page.FormValues("key")[^1]),
        new("service", service),
        new("value", token),
        new("scopes", scopes),
        new("expires", expires),
    ];
}
