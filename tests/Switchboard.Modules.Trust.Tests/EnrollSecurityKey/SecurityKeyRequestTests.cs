using System.Net;
using Switchboard.Testing;

namespace Switchboard.Modules.Trust.Tests.EnrollSecurityKey;

/// <summary>
/// What the security-key endpoints answer to input no browser with a key would send: a specific 4xx, never a 5xx.
/// The ceremonies themselves, with Chromium's virtual authenticator, are in Switchboard.Browser.Tests.SecurityKeyTests.
/// </summary>
public sealed class SecurityKeyRequestTests(SqliteHost host) : IClassFixture<SqliteHost>
{
    private const string WellFormedAnswer =
        """{"id":"AAAA","rawId":"AAAA","type":"public-key","response":{"attestationObject":"AAAA","clientDataJSON":"AAAA"},"clientExtensionResults":{}}""";

    [Fact]
    public async Task AnAnswerThatIsNotACredentialOrAnswersNoRequestRegistersNothing()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("keyless", cancellationToken);
        var request = Guid.CreateVersion7().ToString("D");

        var garbage = await host.RunAsync(person, $"factors enroll key {request}", cancellationToken, secret: "{\"id\": 42}");
        var unknown = await host.RunAsync(person, $"factors enroll key {request} --name Desk", cancellationToken, secret: WellFormedAnswer);
        var listed = await host.RunAsync(person, "factors list", cancellationToken);

        Assert.Equal((HttpStatusCode.BadRequest, "trust.invalid-webauthn-answer"), (garbage.Status, garbage.Code));
        Assert.Equal((HttpStatusCode.Conflict, "trust.webauthn-request-unusable"), (unknown.Status, unknown.Code));
        Assert.StartsWith("You have no second factor yet", listed.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownStepUpLinkShowsWhyAndItsCeremonyNeedsTheFormToken()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var browser = host.AnonymousClient();

        using var page = await browser.GetAsync("/approve/not-a-link", cancellationToken);
        using var options = await browser.PostAsync("/approve/not-a-link/options", new StringContent("{}"), cancellationToken);
        using var signIn = await browser.PostAsync("/signin/passkey/options", new StringContent("{}"), cancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("trust.step-up-link-unusable", await page.Content.ReadAsStringAsync(cancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, options.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
    }
}
