using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Switchboard.Testing;
using static Microsoft.Playwright.Assertions;

namespace Switchboard.Browser.Tests;

public sealed partial class SecurityKeyTests(SqliteHost host, Chromium chromium) : IClassFixture<SqliteHost>
{
    // Yubico's published example: a key Switchboard validates itself from the slot's AES key and private id.
    private const string EnrollYubiKey =
        "factors enroll yubikey dteffujehknhfjbrjnlnldnhcujvddbikngjrtgh --aes-key ecde18dbe76fbd0c33330f1c354871db --private-id 8792ebfe26cc";

    [Fact]
    public async Task AKeyRegisteredInTheConsoleApprovesAWaitingCommandAtItsLinkAndSignsItsPersonIn()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.AddPersonAsync("kim", cancellationToken);
        await using var browser = await chromium.OpenAsync(host);
        await VirtualAuthenticator.AttachAsync(browser);
        await browser.SignInAsync(await host.SignInLinkForAsync("kim", cancellationToken));

        await RegisterAsync(browser, "Desk key");
        await browser.ScreenshotAsync("security-keys");
        await browser.Page.GotoAsync("/");
        await browser.RunAsync(EnrollYubiKey);
        await Expect(browser.LastEntry).ToContainTextAsync("core.verification-required");
        var link = ApprovalLink().Match(await browser.LastEntry.InnerTextAsync());
        Assert.True(link.Success, "The refusal gives no step-up link.");
        await browser.Page.GotoAsync(new Uri(link.Value).PathAndQuery);
        await Expect(browser.Page.Locator("main")).ToContainTextAsync("(@kim) asked for factors enroll yubikey *** --aes-key *** --private-id ***");
        await browser.ScreenshotAsync("approve-with-security-key");
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Approve with my security key" }).ClickAsync();

        await Expect(browser.Page.Locator("#webauthn-status[data-outcome=succeeded]")).ToContainTextAsync("Verified with your security key Desk key");
        await Expect(browser.Page.Locator("#webauthn-status")).ToContainTextAsync("Enrolled the YubiKey `dteffuje`");
        await browser.Page.GotoAsync("/security-keys");
        await Expect(browser.Page.Locator("main")).ToContainTextAsync("YubiKey dteffuje");
        await Expect(browser.Page.Locator("main")).ToContainTextAsync("Desk key, registered");
        await browser.Page.GotoAsync(new Uri(link.Value).PathAndQuery);
        await Expect(browser.Page.Locator("[data-error-code]")).ToHaveAttributeAsync("data-error-code", "trust.step-up-link-unusable");

        await browser.Page.GotoAsync("/");
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();

        await Expect(browser.Me).ToHaveTextAsync("@kim");
        await Expect(browser.Page).ToHaveURLAsync(host.ConsoleUrl("/"));
        // The refused command answered 403 and the used link 404, as they should; nothing else may complain (a script the CSP blocked).
        Assert.All(browser.Errors, error => Assert.Matches("status of 40[34]", error));
    }

    [Fact]
    public async Task AReplayedAnswerAndAClonedKeyDoNotSignIn()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.AddPersonAsync("lee", cancellationToken);
        await using var browser = await chromium.OpenAsync(host);
        var key = await VirtualAuthenticator.AttachAsync(browser);
        await browser.SignInAsync(await host.SignInLinkForAsync("lee", cancellationToken));
        await RegisterAsync(browser, "Travel key");
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();

        var answer = await browser.Page.RunAndWaitForRequestAsync(
            () => browser.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync(),
            request => request.Method == "POST" && request.Url.EndsWith("/signin/passkey", StringComparison.Ordinal));
        await Expect(browser.Me).ToHaveTextAsync("@lee");
        var replayed = await browser.Page.APIRequest.PostAsync("/signin/passkey", new()
        {
            Headers = await answer.AllHeadersAsync(),
            Data = answer.PostData,
        });
        Assert.Equal(409, replayed.Status);
        Assert.Contains("trust.webauthn-request-unusable", await replayed.TextAsync(), StringComparison.Ordinal);

        var counter = (await key.CredentialsAsync()).Single().GetProperty("signCount").GetUInt32();
        Assert.True(counter >= 2, $"The key counted {counter} signatures.");
        await key.CloneAsync(signCount: 0);
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();

        await Expect(browser.Page.Locator("#webauthn-status[data-outcome=failed]")).ToContainTextAsync("That passkey signs nobody in");
        await Expect(browser.Me).ToHaveCountAsync(0);
    }

    private static async Task RegisterAsync(ConsoleBrowser browser, string name)
    {
        await browser.Page.GotoAsync("/security-keys");
        await browser.Page.Locator("#key-name").FillAsync(name);
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Add a security key" }).ClickAsync();
        await Expect(browser.Page.Locator("#webauthn-status[data-outcome=succeeded]")).ToContainTextAsync($"Registered your security key {name}");
    }

    [GeneratedRegex(@"https?://\S+/approve/[A-Za-z0-9_-]+")]
    private static partial Regex ApprovalLink();
}
