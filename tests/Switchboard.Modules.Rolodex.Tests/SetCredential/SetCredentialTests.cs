using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Switchboard.Testing;

namespace Switchboard.Modules.Rolodex.Tests.SetCredential;

/// <summary><c>vault set</c> and <c>vault list</c>: a token goes in as the secret input and never comes out.</summary>
public abstract class SetCredentialTests(SwitchboardHost host)
{
    [Fact]
    public async Task AStoredTokenIsListedWithItsScopesAndExpiryButNeverItself()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("vault-keeper", cancellationToken);
        var token = ServiceTokens.GitHub();

        var stored = await host.RunAsync(person, "vault set github --scope repo --scope read:org --expires 2027-03-01", cancellationToken, secret: token);
        var list = await host.RunAsync(person, "vault list", cancellationToken);

        Assert.True(stored.IsSuccess, stored.Detail);
        Assert.Equal("repo, read:org", stored.Field("Scopes"));
        Assert.Equal("scopes repo, read:org; expires 2027-03-01 00:00Z; updated 2026-11-25 09:00Z", list.Field("github"));
        Assert.DoesNotContain(token, stored.Body.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(token, list.Body.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoringAgainReplacesTheEntry()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("vault-replacer", cancellationToken);
        await host.RunAsync(person, "vault set heroku --scope global", cancellationToken, secret: ServiceTokens.GitHub());

        var replaced = await host.RunAsync(person, "vault set heroku", cancellationToken, secret: ServiceTokens.GitHub());
        var list = await host.RunAsync(person, "vault list", cancellationToken);

        Assert.True(replaced.IsSuccess, replaced.Detail);
        Assert.Equal("You keep tokens for 1 service in the vault:", list.Text?.Split('\n')[0]);
        Assert.StartsWith("scopes not given; no expiry given", list.Field("heroku"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EachPersonSeesOnlyTheirOwnEntries()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var owner = await host.AddPersonAsync("vault-owner", cancellationToken);
        var other = await host.AddPersonAsync("vault-other", cancellationToken);
        await host.RunAsync(owner, "vault set pagerduty", cancellationToken, secret: ServiceTokens.GitHub());

        var list = await host.RunAsync(other, "vault list", cancellationToken);

        Assert.True(list.IsSuccess, list.Detail);
        Assert.StartsWith("You keep no tokens in the vault.", list.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutTheSecretInputTheRefusalSaysWhereTheTokenGoes()
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        var outcome = await host.RunAsync(host.Admin, "vault set github", cancellationToken);

        Assert.Equal((HttpStatusCode.BadRequest, "core.secret-required"), (outcome.Status, outcome.Code));
        Assert.Contains("sb reads it from standard input", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATokenTypedIntoTheCommandLineIsRefusedUnusedAndUnrepeated()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("vault-typist", cancellationToken);
        var token = ServiceTokens.GitHub();

        var asWord = await host.RunAsync(person, $"vault set github {token}", cancellationToken, secret: token);
        var asService = await host.RunAsync(person, $"vault set {token}", cancellationToken, secret: token);
        var list = await host.RunAsync(person, "vault list", cancellationToken);

        Assert.Equal((HttpStatusCode.BadRequest, "core.too-many-arguments"), (asWord.Status, asWord.Code));
        Assert.Equal(HttpStatusCode.BadRequest, asService.Status);
        Assert.DoesNotContain(token, asWord.Body.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(token, asService.Body.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("You keep no tokens in the vault.", list.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATokenSentAmongTheArgumentsIsRefusedUnrepeated()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var token = ServiceTokens.GitHub();
        using var client = host.ApiClient(host.Admin);

        using var response = await client.PostAsJsonAsync(
            "/api/commands", new { command = "vault set", arguments = new { service = "github", value = token } }, cancellationToken);
        var outcome = await ApiOutcome.ReadAsync(response, cancellationToken);

        Assert.Equal((HttpStatusCode.BadRequest, "core.secret-in-arguments"), (outcome.Status, outcome.Code));
        Assert.DoesNotContain(token, outcome.Body.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAuditTrailRecordsTheCommandWithoutTheToken()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("vault-audited", cancellationToken);
        var token = ServiceTokens.GitHub();
        await host.RunAsync(person, "vault set github --scope repo", cancellationToken, secret: token);

        var audit = await host.RunAsAdminAsync("audit tail --count 50", cancellationToken);

        Assert.Contains($"{person.Id} succeeded: vault set github --scope repo", audit.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(token, audit.Body.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoStoredTokenReachesTheLogs()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("vault-quiet", cancellationToken);
        var token = ServiceTokens.GitHub();

        await host.RunAsync(person, "vault set github", cancellationToken, secret: token);
        await host.RunAsync(person, "vault list", cancellationToken);
        await host.RunAsync(person, "vault set github", cancellationToken, secret: token + " with a space");
        await host.RunAsync(person, "vault remove github", cancellationToken);

        Assert.NotEmpty(host.Logs.GetSnapshot());
        Assert.DoesNotContain(host.Logs.GetSnapshot(), record => record.Message.Contains(token, StringComparison.Ordinal)
            || record.StructuredState?.Any(pair => pair.Value?.Contains(token, StringComparison.Ordinal) == true) == true);
    }

    [Theory]
    [InlineData("GitHub", "rolodex.invalid-vault-service")]
    [InlineData("github --expires 2026-11-24", "rolodex.invalid-credential-expiry")]
    [InlineData("github --expires tomorrow", "rolodex.invalid-credential-expiry")]
    public async Task BadInputIsABadRequest(string words, string code)
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        var outcome = await host.RunAsync(host.Admin, "vault set " + words, cancellationToken, secret: ServiceTokens.GitHub());

        Assert.Equal((HttpStatusCode.BadRequest, code), (outcome.Status, outcome.Code));
    }

    [Fact]
    public async Task ATokenWithSpacesIsRefused()
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        var outcome = await host.RunAsync(host.Admin, "vault set github", cancellationToken, secret: "two words");

        Assert.Equal((HttpStatusCode.BadRequest, "rolodex.invalid-credential"), (outcome.Status, outcome.Code));
    }

    [Fact]
    public async Task ChatFrontEndsDoNotOfferStoringATokenAndSayWhereToGoInstead()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = host.ApiClient(host.Admin);

        var catalogue = await client.GetFromJsonAsync<JsonElement>("/api/commands", cancellationToken);
        var help = await host.RunAsAdminAsync("help vault set", cancellationToken);

        var set = catalogue.EnumerateArray().Single(c => c.GetProperty("verb").GetString() == "vault set");
        Assert.Equal(["api", "web", "cli"], set.GetProperty("offeredOn").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("secret", set.GetProperty("arguments").EnumerateArray().Single(a => a.GetProperty("name").GetString() == "value").GetProperty("kind").GetString());
        Assert.Equal("vault set <service> [--scope <scope>]... [--expires <expires>]", help.Field("Usage"));
    }
}

public sealed class SetCredentialOnSqliteTests(SqliteHost host) : SetCredentialTests(host), IClassFixture<SqliteHost>;

public sealed class SetCredentialOnPostgresTests(PostgresHost host) : SetCredentialTests(host), IClassFixture<PostgresHost>;
