using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Switchboard.Emulators.GitHub;

namespace Switchboard.Emulators.Tests.GitHub;

/// <summary>The GitHub emulator sends webhooks and answers the hooks and deliveries API as GitHub documents them.</summary>
public sealed class GitHubEmulatorTests : IAsyncLifetime
{
    private const string Token = "ghp_reconciler000000000000000000000000";
    private const string Secret = "It's a Secret to Everybody";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private GitHubEmulator _github = null!;
    private WebhookReceiver _receiver = null!;

    public async ValueTask InitializeAsync()
    {
        _github = await GitHubEmulator.StartAsync(_clock, TestContext.Current.CancellationToken);
        _receiver = await WebhookReceiver.StartAsync(TestContext.Current.CancellationToken);
        _github.State.AddToken(Token, "Codertocat/Hello-World", "octo-org");
    }

    public async ValueTask DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _github.DisposeAsync();
    }

    [Fact]
    public async Task ADeliveryCarriesGitHubsHeadersAndASignatureTheSecretVerifies()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var hook = _github.State.AddRepositoryHook("Codertocat/Hello-World", _receiver.Url, Secret, "issues");

        var delivery = await _github.DeliverFixtureAsync(hook, "issues/opened.payload.json", cancellationToken);
        var received = await _receiver.NextAsync(cancellationToken);

        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), received.Body));
        Assert.Equal(expected, received.Headers["X-Hub-Signature-256"]);
        Assert.Equal(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures/github/issues/opened.payload.json")), received.Body);
        Assert.Equal(delivery.DeliveryGuid, received.Headers["X-GitHub-Delivery"]);
        Assert.Equal("issues", received.Headers["X-GitHub-Event"]);
        Assert.Equal(hook.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), received.Headers["X-GitHub-Hook-ID"]);
        Assert.StartsWith("GitHub-Hookshot/", received.Headers["User-Agent"], StringComparison.Ordinal);
        Assert.Equal("application/json", received.Headers["Content-Type"]);
        Assert.Equal((202, "OK", "opened"), (delivery.StatusCode, delivery.Status, delivery.Action));
    }

    [Fact]
    public async Task ADeliveryToATargetThatIsDownIsListedAsFailedToConnect()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var hook = _github.State.AddRepositoryHook("Codertocat/Hello-World", _github.UnreachableUrl, Secret, "issues");

        var delivery = await _github.DeliverFixtureAsync(hook, "issues/opened.payload.json", cancellationToken);
        var listed = await GetJsonAsync($"repos/Codertocat/Hello-World/hooks/{hook.Id}/deliveries", cancellationToken);

        var item = Assert.Single(listed.EnumerateArray());
        Assert.Equal(delivery.Id, item.GetProperty("id").GetInt64());
        Assert.Equal(delivery.DeliveryGuid, item.GetProperty("guid").GetString());
        Assert.Equal(0, item.GetProperty("status_code").GetInt32());
        Assert.Equal("failed to connect", item.GetProperty("status").GetString());
        Assert.False(item.GetProperty("redelivery").GetBoolean());
        Assert.Equal(("issues", "opened"), (item.GetProperty("event").GetString(), item.GetProperty("action").GetString()));
        Assert.Equal(186853002, item.GetProperty("repository_id").GetInt64());
        Assert.Equal("2026-11-25T09:00:00Z", item.GetProperty("delivered_at").GetString());
    }

    [Fact]
    public async Task DeliveriesArePagedNewestFirstThroughTheLinkHeader()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var hook = _github.State.AddRepositoryHook("Codertocat/Hello-World", _receiver.Url, Secret, "issues");
        var made = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            made.Add((await _github.DeliverFixtureAsync(hook, "issues/opened.payload.json", cancellationToken)).Id);
        }

        using var http = Client();
        var seen = new List<long>();
        var pages = 0;
        Uri? next = new(_github.ApiUrl, $"repos/Codertocat/Hello-World/hooks/{hook.Id}/deliveries?per_page=2");
        while (next is not null)
        {
            using var response = await http.GetAsync(next, cancellationToken);
            var page = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            seen.AddRange(page.EnumerateArray().Select(d => d.GetProperty("id").GetInt64()));
            pages++;
            next = response.Headers.TryGetValues("Link", out var links) ? NextLink(links.Single()) : null;
        }

        Assert.Equal(3, pages);
        Assert.Equal(made.AsEnumerable().Reverse(), seen);
    }

    [Fact]
    public async Task ARedeliveryIsAcceptedThenSentWithTheSameGuidAndListedAsARedelivery()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var hook = _github.State.AddRepositoryHook("Codertocat/Hello-World", _github.UnreachableUrl, Secret, "issues");
        var failed = await _github.DeliverFixtureAsync(hook, "issues/opened.payload.json", cancellationToken);
        hook.Url = _receiver.Url;

        using var http = Client();
        using var response = await http.PostAsync(
            new Uri(_github.ApiUrl, $"repos/Codertocat/Hello-World/hooks/{hook.Id}/deliveries/{failed.Id}/attempts"), null, cancellationToken);
        var received = await _receiver.NextAsync(cancellationToken);
        await _github.RedeliveriesAttemptedAsync();
        var listed = await GetJsonAsync($"repos/Codertocat/Hello-World/hooks/{hook.Id}/deliveries", cancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(failed.DeliveryGuid, received.Headers["X-GitHub-Delivery"]);
        var newest = listed.EnumerateArray().First();
        Assert.Equal(2, listed.GetArrayLength());
        Assert.Equal(failed.DeliveryGuid, newest.GetProperty("guid").GetString());
        Assert.True(newest.GetProperty("redelivery").GetBoolean());
        Assert.Equal((202, "OK"), (newest.GetProperty("status_code").GetInt32(), newest.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task AMissingOrUnknownTokenIs401AndAHookTheTokenDoesNotAdministerIs404()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var hook = _github.State.AddRepositoryHook("Codertocat/Hello-World", _receiver.Url, Secret, "issues");
        var elsewhere = _github.State.AddRepositoryHook("someone-else/private", _receiver.Url, Secret, "issues");
        var path = $"repos/Codertocat/Hello-World/hooks/{hook.Id}/deliveries";
        using var anonymous = new HttpClient();
        using var wrongToken = Client("ghp_not-a-token-github-issued");
        using var http = Client();

        using var missing = await anonymous.GetAsync(new Uri(_github.ApiUrl, path), cancellationToken);
        using var unknown = await wrongToken.GetAsync(new Uri(_github.ApiUrl, path), cancellationToken);
        using var notAdministered = await http.GetAsync(new Uri(_github.ApiUrl, $"repos/someone-else/private/hooks/{elsewhere.Id}/deliveries"), cancellationToken);
        using var wrongRepository = await http.GetAsync(new Uri(_github.ApiUrl, $"repos/octo-org/other/hooks/{hook.Id}"), cancellationToken);
        using var allowed = await http.GetAsync(new Uri(_github.ApiUrl, path), cancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal("Bad credentials", (await unknown.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.NotFound, notAdministered.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, wrongRepository.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task RepositoryAndOrganizationHooksAreListedWithTheirConfigurationAndNoSecret()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var repositoryHook = _github.State.AddRepositoryHook("Codertocat/Hello-World", _receiver.Url, Secret, "issues", "pull_request");
        var organizationHook = _github.State.AddOrganizationHook("octo-org", _receiver.Url, Secret, "push");

        var repositoryHooks = await GetJsonAsync("repos/Codertocat/Hello-World/hooks", cancellationToken);
        var organizationHooks = await GetJsonAsync($"orgs/octo-org/hooks/{organizationHook.Id}", cancellationToken);

        var listed = Assert.Single(repositoryHooks.EnumerateArray());
        Assert.Equal(repositoryHook.Id, listed.GetProperty("id").GetInt64());
        Assert.Equal("Repository", listed.GetProperty("type").GetString());
        Assert.Equal(["issues", "pull_request"], listed.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(_receiver.Url.ToString(), listed.GetProperty("config").GetProperty("url").GetString());
        Assert.Equal("********", listed.GetProperty("config").GetProperty("secret").GetString());
        Assert.EndsWith($"/api/v3/repos/Codertocat/Hello-World/hooks/{repositoryHook.Id}/deliveries", listed.GetProperty("deliveries_url").GetString(), StringComparison.Ordinal);
        Assert.Equal("Organization", organizationHooks.GetProperty("type").GetString());
        Assert.False(organizationHooks.TryGetProperty("test_url", out _));
    }

    [Fact]
    public async Task ASpentRateLimitIs403WithTheHeadersThatSayWhenItResets()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var hook = _github.State.AddRepositoryHook("Codertocat/Hello-World", _receiver.Url, Secret, "issues");
        var token = _github.State.AddToken("ghp_spent", "Codertocat");
        token.Remaining = 0;
        using var http = Client(token.Value);

        using var response = await http.GetAsync(new Uri(_github.ApiUrl, $"repos/Codertocat/Hello-World/hooks/{hook.Id}/deliveries"), cancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("0", response.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.Equal(token.ResetsAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), response.Headers.GetValues("X-RateLimit-Reset").Single());
    }

    private static HttpClient Client(string token = Token)
    {
        var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private async Task<JsonElement> GetJsonAsync(string path, CancellationToken cancellationToken)
    {
        using var http = Client();
        return await http.GetFromJsonAsync<JsonElement>(new Uri(_github.ApiUrl, path), cancellationToken);
    }

    private static Uri? NextLink(string header) =>
        header.Split(',').Select(l => l.Trim()).Where(l => l.EndsWith("rel=\"next\"", StringComparison.Ordinal))
            .Select(l => new Uri(l[1..l.IndexOf('>', StringComparison.Ordinal)])).SingleOrDefault();
}
