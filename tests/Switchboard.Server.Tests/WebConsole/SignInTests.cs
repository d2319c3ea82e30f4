using System.Net;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.WebConsole;

public sealed class SignInTests(SqliteHost host) : IClassFixture<SqliteHost>
{
    [Fact]
    public async Task OpeningALinkDoesNotUseItUpSoChatLinkPreviewsCannotSpendIt()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var link = await host.SignInLinkAsync("preview@example.com", cancellationToken);
        using var preview = new ConsoleSession(host.BaseAddress, "Slackbot-LinkExpanding 1.0");
        using var browser = new ConsoleSession(host.BaseAddress);

        var previewed = await preview.GetAsync(link.PathAndQuery, cancellationToken);
        var page = await browser.SignInAsync(link, cancellationToken);

        Assert.Equal(HttpStatusCode.OK, previewed.Status);
        Assert.Contains("Sign in as @preview", previewed.Text, StringComparison.Ordinal);
        Assert.Equal("/", page.RedirectedTo);
        Assert.Contains("@preview", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALinkSignsInOnce()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var link = await host.SignInLinkAsync("once@example.com", cancellationToken);
        using var first = new ConsoleSession(host.BaseAddress);
        using var second = new ConsoleSession(host.BaseAddress);
        var page = await second.GetAsync(link.PathAndQuery, cancellationToken);

        await first.SignInAsync(link, cancellationToken);
        var again = await second.SubmitAsync(link.PathAndQuery, page, [], cancellationToken);

        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Contains("already used", again.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(second.Cookies.Keys, name => name.Contains("switchboard", StringComparison.Ordinal) && !name.EndsWith("-form", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnExpiredLinkIsRefusedWithAWayForward()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var link = await host.SignInLinkAsync("late@example.com", cancellationToken);
        host.Clock.Advance(TimeSpan.FromHours(25));
        using var browser = new ConsoleSession(host.BaseAddress);

        var page = await browser.GetAsync(link.PathAndQuery, cancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, page.Status);
        Assert.Contains("has expired", page.Text, StringComparison.Ordinal);
        Assert.Contains("person invite", page.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/signin/not-a-code")]
    [InlineData("/signin/0123456789012345678901234567890123456789012")]
    public async Task AnUnknownLinkIsNotFound(string path)
    {
        using var browser = new ConsoleSession(host.BaseAddress);

        var page = await browser.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Contains("not one Switchboard issued", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SigningInWithoutTheFormsTokenIsRefused()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var link = await host.SignInLinkAsync("forged@example.com", cancellationToken);
        using var http = host.AnonymousClient();

        using var response = await http.PostAsync(link.PathAndQuery, new FormUrlEncodedContent([]), cancellationToken);
        var problem = await ApiOutcome.ReadAsync(response, cancellationToken);
        using var browser = new ConsoleSession(host.BaseAddress);
        var stillUsable = await browser.GetAsync(link.PathAndQuery, cancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, problem.Status);
        Assert.Equal("console.invalid-form", problem.Code);
        Assert.Equal(HttpStatusCode.OK, stillUsable.Status);
    }

    [Fact]
    public async Task TheSessionCookieIsHttpOnlyAndSameSite()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var link = await host.SignInLinkAsync("cookie@example.com", cancellationToken);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = host.BaseAddress };
        using var browser = new ConsoleSession(host.BaseAddress);
        var page = await browser.GetAsync(link.PathAndQuery, cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, link.PathAndQuery)
        {
            Content = new FormUrlEncodedContent([new("__RequestVerificationToken", page.FormValue("__RequestVerificationToken"))]),
        };
        request.Headers.Add("Cookie", string.Join("; ", browser.Cookies.Select(c => $"{c.Key}={c.Value}")));

        using var response = await http.SendAsync(request, cancellationToken);

        var session = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("switchboard=", StringComparison.Ordinal));
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", session, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task PagesSendTheSignedOutToSignIn()
    {
        using var browser = new ConsoleSession(host.BaseAddress);

        var page = await browser.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal("/signin?reason=auth.signed-out", page.RedirectedTo);
        Assert.Contains("one-time link", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SigningOutEndsTheSession()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var browser = await host.SignInAsync("leaver@example.com", cancellationToken);
        var console = await browser.GetAsync("/", cancellationToken);

        var signedOut = await browser.SubmitAsync("/signout", console, [], cancellationToken);
        var afterwards = await browser.GetAsync("/", cancellationToken);

        Assert.Contains("You are signed out.", signedOut.Text, StringComparison.Ordinal);
        Assert.StartsWith("/signin", afterwards.RedirectedTo, StringComparison.Ordinal);
    }
}

/// <summary>Behind https (here, a proxy on loopback that says so), the console's cookies are Secure and host-only.</summary>
public sealed class SecureCookieTests(SecureCookieTests.HttpsHost host) : IClassFixture<SecureCookieTests.HttpsHost>
{
    [Fact]
    public async Task BehindHttpsTheSessionCookieIsSecureAndHostOnly()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var link = await host.SignInLinkAsync("secure@example.com", cancellationToken);
        using var browser = new ConsoleSession(host.BaseAddress);
        using var open = new HttpRequestMessage(HttpMethod.Get, link.PathAndQuery);
        open.Headers.Add("X-Forwarded-Proto", "https");
        var page = await browser.SendAsync(open, cancellationToken);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = host.BaseAddress };
        using var signIn = new HttpRequestMessage(HttpMethod.Post, link.PathAndQuery)
        {
            Content = new FormUrlEncodedContent([new("__RequestVerificationToken", page.FormValue("__RequestVerificationToken"))]),
        };
        signIn.Headers.Add("X-Forwarded-Proto", "https");
        signIn.Headers.Add("Cookie", string.Join("; ", browser.Cookies.Select(c => $"{c.Key}={c.Value}")));

        using var response = await http.SendAsync(signIn, cancellationToken);

        Assert.StartsWith("https://switchboard.example.com/signin/", link.AbsoluteUri, StringComparison.Ordinal);
        var session = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-switchboard=", StringComparison.Ordinal));
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("__Host-switchboard-form", browser.Cookies.Keys);
    }

    public sealed class HttpsHost : SqliteHost
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } =
            new Dictionary<string, string> { ["Switchboard:PublicUrl"] = "https://switchboard.example.com" };
    }
}
