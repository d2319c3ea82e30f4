using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Time.Testing;
using Switchboard.Emulators.GitHub;
using Switchboard.Emulators.Heroku;

namespace Switchboard.Emulators.Tests.Heroku;

/// <summary>The Platform API's deploy side as Heroku documents it: the version header, bearer tokens, ranges of releases, and error bodies.</summary>
public sealed class PlatformApiTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false });
    private HerokuEmulator _heroku = null!;
    private GitHubEmulator _github = null!;
    private string _token = "";

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        _heroku = await HerokuEmulator.StartAsync(_clock, cancellationToken);
        _github = await GitHubEmulator.StartAsync(_clock, cancellationToken);
        _github.State.AddToken("ghp_paging", "acme/app");
        _github.State.Deployments.SetRef("acme/app", "main");
        var client = _heroku.State.OAuth.RegisterClient("heroku-client", new Uri("http://localhost:5080/connect/heroku/callback"));
        var owner = _heroku.State.AddAccount("owner@example.com");
        _heroku.State.OAuth.SignedIn = owner;
        using var authorized = await _http.GetAsync(new Uri(_heroku.AuthorizeUrl, $"?client_id={client.ClientId}&response_type=code&scope=global&state=s"), cancellationToken);
        var code = QueryHelpers.ParseQuery(authorized.Headers.Location!.Query)["code"].ToString();
        using var form = new FormUrlEncodedContent([new("grant_type", "authorization_code"), new("code", code), new("client_secret", client.ClientSecret)]);
        using var tokens = await _http.PostAsync(_heroku.TokenUrl, form, cancellationToken);
        _token = JsonDocument.Parse(await tokens.Content.ReadAsStringAsync(cancellationToken)).RootElement.GetProperty("access_token").GetString()!;
        _heroku.State.Platform.AddApp("paging-app", owner);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _heroku.DisposeAsync();
        await _github.DisposeAsync();
    }

    [Fact]
    public async Task ReleasesComeInRangePagesWithTheNextRangeNamed()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        for (var i = 0; i < 4; i++)
        {
            await BuildAsync(cancellationToken);
        }

        using var first = await SendAsync(HttpMethod.Get, "apps/paging-app/releases", cancellationToken, range: "version ..; max=2, order=desc");
        var nextRange = first.Headers.GetValues("Next-Range").Single();
        using var second = await SendAsync(HttpMethod.Get, "apps/paging-app/releases", cancellationToken, range: nextRange);
        using var last = await SendAsync(HttpMethod.Get, "apps/paging-app/releases", cancellationToken, range: second.Headers.GetValues("Next-Range").Single());

        Assert.Equal(HttpStatusCode.PartialContent, first.StatusCode);
        Assert.Equal("version ]4..; max=2, order=desc", nextRange);
        Assert.Equal([5, 4], await VersionsAsync(first, cancellationToken));
        Assert.Equal([3, 2], await VersionsAsync(second, cancellationToken));
        Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        Assert.Equal([1], await VersionsAsync(last, cancellationToken));
    }

    [Fact]
    public async Task WithoutTheVersionOrAValidTokenHerokuRefusesWithItsErrorBody()
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        using var noVersion = await SendAsync(HttpMethod.Get, "apps/paging-app", cancellationToken, accept: "application/json");
        using var noToken = await SendAsync(HttpMethod.Get, "apps/paging-app", cancellationToken, token: "HRKU-not-issued");
        using var unknownApp = await SendAsync(HttpMethod.Get, "apps/no-such-app", cancellationToken);

        Assert.Equal((HttpStatusCode.BadRequest, "bad_request"), (noVersion.StatusCode, await IdOfAsync(noVersion, cancellationToken)));
        Assert.Equal((HttpStatusCode.Unauthorized, "unauthorized"), (noToken.StatusCode, await IdOfAsync(noToken, cancellationToken)));
        Assert.Equal((HttpStatusCode.NotFound, "not_found"), (unknownApp.StatusCode, await IdOfAsync(unknownApp, cancellationToken)));
    }

    private async Task BuildAsync(CancellationToken cancellationToken)
    {
        using var tarball = new HttpRequestMessage(HttpMethod.Get, new Uri(_github.ApiUrl, "repos/acme/app/tarball/main"));
        tarball.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "ghp_paging");
        using var link = await _http.SendAsync(tarball, cancellationToken);
        using var created = await SendAsync(HttpMethod.Post, "apps/paging-app/builds", cancellationToken, body: new { source_blob = new { url = link.Headers.Location!.AbsoluteUri, version = "main" } });
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync(cancellationToken)).RootElement.GetProperty("id").GetString();
        for (var poll = 0; poll < _heroku.State.Platform.PollsUntilFinished; poll++)
        {
            using var read = await SendAsync(HttpMethod.Get, $"apps/paging-app/builds/{id}", cancellationToken);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string path, CancellationToken cancellationToken, string? range = null, string? accept = null, string? token = null, object? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(_heroku.ApiUrl, path));
        request.Headers.TryAddWithoutValidation("Accept", accept ?? "application/vnd.heroku+json; version=3");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? _token);
        if (range is not null)
        {
            request.Headers.TryAddWithoutValidation("Range", range);
        }

        if (body is not null)
        {
            request.Content = System.Net.Http.Json.JsonContent.Create(body);
        }

        return await _http.SendAsync(request, cancellationToken);
    }

    private static async Task<List<int>> VersionsAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement.EnumerateArray().Select(r => r.GetProperty("version").GetInt32()).ToList();

    private static async Task<string?> IdOfAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement.GetProperty("id").GetString();
}
