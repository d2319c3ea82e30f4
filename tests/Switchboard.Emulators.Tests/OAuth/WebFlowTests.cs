using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Time.Testing;
using Switchboard.Emulators.GitHub;
using Switchboard.Emulators.Heroku;
using Switchboard.Emulators.OAuth;
using Switchboard.Emulators.PagerDuty;

namespace Switchboard.Emulators.Tests.OAuth;

/// <summary>
/// The emulators' OAuth flows as the vendors document them: a code for the scripted person, PKCE checked at the
/// token endpoint, expiring tokens renewed with refresh tokens, the current user, and revocation.
/// </summary>
public sealed class WebFlowTests : IAsyncLifetime
{
    private static readonly Uri Callback = new("http://localhost:5080/connect/github/callback");

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false });
    private GitHubEmulator _github = null!;
    private OAuthClient _app = null!;

    public async ValueTask InitializeAsync()
    {
        _github = await GitHubEmulator.StartAsync(_clock, TestContext.Current.CancellationToken);
        _app = _github.State.OAuth.RegisterClient("Iv23liTest", Callback);
        _github.State.OAuth.SignedIn = _github.State.AddUser("octocat");
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _github.DisposeAsync();
    }

    [Fact]
    public async Task GitHubRefusesACodeWithoutTheVerifierOfItsChallenge()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        const string verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

        var wrong = await ExchangeAsync(await AuthorizeAsync(Pkce.ChallengeOf(verifier), cancellationToken), "not-the-verifier-not-the-verifier-0123456", cancellationToken);
        var missing = await ExchangeAsync(await AuthorizeAsync(Pkce.ChallengeOf(verifier), cancellationToken), null, cancellationToken);
        var right = await ExchangeAsync(await AuthorizeAsync(Pkce.ChallengeOf(verifier), cancellationToken), verifier, cancellationToken);

        Assert.Equal("bad_verification_code", wrong.GetProperty("error").GetString());
        Assert.Equal("bad_verification_code", missing.GetProperty("error").GetString());
        Assert.StartsWith("ghu_", right.GetProperty("access_token").GetString(), StringComparison.Ordinal);
        Assert.Equal(28800, right.GetProperty("expires_in").GetInt32());
        Assert.Equal([false, false, true], _github.State.OAuth.TokenRequests.Select(r => r.PkceVerified));
    }

    [Fact]
    public void RfcSevenSixThreeSixsVectorGivesItsChallenge() =>
        Assert.Equal("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", Pkce.ChallengeOf("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));

    [Fact]
    public async Task ACodeWorksOnceAndAnExpiredTokenIsRenewedByARotatingRefreshToken()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var code = await AuthorizeAsync(null, cancellationToken);
        var issued = await ExchangeAsync(code, null, cancellationToken);
        var again = await ExchangeAsync(code, null, cancellationToken);
        _clock.Advance(TimeSpan.FromHours(8));
        using var expired = await UserAsync(issued.GetProperty("access_token").GetString()!, cancellationToken);
        var renewed = await RefreshAsync(issued.GetProperty("refresh_token").GetString()!, cancellationToken);
        var reused = await RefreshAsync(issued.GetProperty("refresh_token").GetString()!, cancellationToken);
        using var user = await UserAsync(renewed.GetProperty("access_token").GetString()!, cancellationToken);

        Assert.Equal("bad_verification_code", again.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.NotEqual(issued.GetProperty("refresh_token").GetString(), renewed.GetProperty("refresh_token").GetString());
        Assert.Equal("bad_refresh_token", reused.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, user.StatusCode);
        Assert.Equal("octocat", JsonDocument.Parse(await user.Content.ReadAsStringAsync(cancellationToken)).RootElement.GetProperty("login").GetString());
    }

    [Fact]
    public async Task DeletingTheGrantEndsItsTokens()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var issued = await ExchangeAsync(await AuthorizeAsync(null, cancellationToken), null, cancellationToken);
        var token = issued.GetProperty("access_token").GetString()!;

        using var delete = new HttpRequestMessage(HttpMethod.Delete, new Uri(_github.ApiUrl, $"applications/{_app.ClientId}/grant"))
        {
            Content = new StringContent(JsonSerializer.Serialize(new { access_token = token }), System.Text.Encoding.UTF8, "application/json"),
        };
        delete.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{_app.ClientId}:{_app.ClientSecret}")));
        using var deleted = await _http.SendAsync(delete, cancellationToken);
        using var after = await UserAsync(token, cancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task HerokuAndPagerDutyNameTheSignedInAccount()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var heroku = await HerokuEmulator.StartAsync(_clock, cancellationToken);
        await using var pagerDuty = await PagerDutyEmulator.StartAsync(_clock, cancellationToken);
        var herokuApp = heroku.State.OAuth.RegisterClient("heroku-client", new Uri("http://localhost:5080/connect/heroku/callback"));
        var pagerDutyApp = pagerDuty.State.OAuth.RegisterClient("pd-client", new Uri("http://localhost:5080/connect/pagerduty/callback"));
        heroku.State.OAuth.SignedIn = heroku.State.AddAccount("dev@example.com");
        pagerDuty.State.OAuth.SignedIn = pagerDuty.State.AddUser("oncall@example.com", "On Call");

        var herokuCode = await CodeFromAsync(new Uri(heroku.AuthorizeUrl, $"?client_id={herokuApp.ClientId}&response_type=code&scope=identity&state=s1"), cancellationToken);
        var herokuTokens = await PostFormAsync(heroku.TokenUrl, [new("grant_type", "authorization_code"), new("code", herokuCode), new("client_secret", herokuApp.ClientSecret)], cancellationToken);
        using var account = new HttpRequestMessage(HttpMethod.Get, new Uri(heroku.ApiUrl, "account"));
        account.Headers.Authorization = new AuthenticationHeaderValue("Bearer", herokuTokens.GetProperty("access_token").GetString());
        account.Headers.Accept.ParseAdd("application/vnd.heroku+json; version=3");
        using var herokuAccount = await _http.SendAsync(account, cancellationToken);

        var pdCode = await CodeFromAsync(new Uri(pagerDuty.AuthorizeUrl, $"?client_id={pagerDutyApp.ClientId}&redirect_uri={Uri.EscapeDataString(pagerDutyApp.RedirectUri.AbsoluteUri)}&response_type=code&scope=read&state=s2"), cancellationToken);
        var pdTokens = await PostFormAsync(pagerDuty.TokenUrl, [new("grant_type", "authorization_code"), new("code", pdCode), new("client_id", pagerDutyApp.ClientId), new("client_secret", pagerDutyApp.ClientSecret), new("redirect_uri", pagerDutyApp.RedirectUri.AbsoluteUri)], cancellationToken);
        using var me = new HttpRequestMessage(HttpMethod.Get, new Uri(pagerDuty.ApiUrl, "users/me"));
        me.Headers.Authorization = new AuthenticationHeaderValue("Bearer", pdTokens.GetProperty("access_token").GetString());
        using var pdUser = await _http.SendAsync(me, cancellationToken);

        Assert.Equal(28799, herokuTokens.GetProperty("expires_in").GetInt32());
        Assert.StartsWith("HRKU-", herokuTokens.GetProperty("access_token").GetString(), StringComparison.Ordinal);
        Assert.Equal("dev@example.com", JsonDocument.Parse(await herokuAccount.Content.ReadAsStringAsync(cancellationToken)).RootElement.GetProperty("email").GetString());
        Assert.Equal("oncall@example.com", JsonDocument.Parse(await pdUser.Content.ReadAsStringAsync(cancellationToken)).RootElement.GetProperty("user").GetProperty("email").GetString());
    }

    private async Task<string> AuthorizeAsync(string? challenge, CancellationToken cancellationToken)
    {
        var query = $"?client_id={_app.ClientId}&redirect_uri={Uri.EscapeDataString(Callback.AbsoluteUri)}&scope=repo&state=xyz"
            + (challenge is null ? "" : $"&code_challenge={challenge}&code_challenge_method=S256");
        return await CodeFromAsync(new Uri(_github.AuthorizeUrl + query), cancellationToken);
    }

    private async Task<string> CodeFromAsync(Uri authorize, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(authorize, cancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var query = QueryHelpers.ParseQuery(response.Headers.Location!.Query);
        Assert.Equal(QueryHelpers.ParseQuery(authorize.Query)["state"].ToString(), query["state"].ToString());
        return query["code"].ToString();
    }

    private Task<JsonElement> ExchangeAsync(string code, string? verifier, CancellationToken cancellationToken) =>
        PostFormAsync(_github.TokenUrl, [
            new("client_id", _app.ClientId), new("client_secret", _app.ClientSecret), new("code", code), new("redirect_uri", Callback.AbsoluteUri),
            .. verifier is null ? Array.Empty<KeyValuePair<string, string>>() : [new("code_verifier", verifier)]], cancellationToken);

    private Task<JsonElement> RefreshAsync(string refreshToken, CancellationToken cancellationToken) =>
        PostFormAsync(_github.TokenUrl, [
            new("client_id", _app.ClientId), new("client_secret", _app.ClientSecret), new("grant_type", "refresh_token"), new("refresh_token", refreshToken)], cancellationToken);

    private async Task<JsonElement> PostFormAsync(Uri url, KeyValuePair<string, string>[] form, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await _http.SendAsync(request, cancellationToken);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement.Clone();
    }

    private Task<HttpResponseMessage> UserAsync(string token, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_github.ApiUrl, "user"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return _http.SendAsync(request, cancellationToken);
    }
}
