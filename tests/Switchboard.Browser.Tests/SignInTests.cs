using Microsoft.Playwright;
using Switchboard.Testing;
using static Microsoft.Playwright.Assertions;

namespace Switchboard.Browser.Tests;

public sealed class SignInTests(SqliteHost host, Chromium chromium) : IClassFixture<SqliteHost>
{
    [Fact]
    public async Task ASignInLinkSaysWhomItSignsInAndItsButtonOpensTheConsoleAsThem()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.AddPersonAsync("grace", cancellationToken);
        var link = await host.SignInLinkAsync("grace@example.com", cancellationToken);
        await using var browser = await chromium.OpenAsync(host);
        await browser.Page.GotoAsync(link.PathAndQuery);
        var button = browser.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in as @grace" });
        await Expect(button).ToBeVisibleAsync();
        await browser.ScreenshotAsync("sign-in");

        await button.ClickAsync();

        await Expect(browser.Page).ToHaveURLAsync(host.ConsoleUrl("/"));
        await Expect(browser.Page.GetByRole(AriaRole.Heading, new() { Name = "Console" })).ToBeVisibleAsync();
        await Expect(browser.Me).ToHaveTextAsync("@grace");
        await Expect(browser.Page.Locator("#line")).ToBeFocusedAsync();
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task SigningOutFromTheHeaderEndsTheSessionAndTheConsoleAsksToSignInAgain()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var browser = await chromium.OpenAsync(host);
        await browser.SignInAsync(await host.SignInLinkAsync("leaver@example.com", cancellationToken));

        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();

        await Expect(browser.Page).ToHaveURLAsync(host.ConsoleUrl("/signin?reason=auth.signed-out"));
        await Expect(browser.Page.GetByText("You are signed out.")).ToBeVisibleAsync();
        await browser.Page.GotoAsync("/");
        await Expect(browser.Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Expect(browser.Me).ToHaveCountAsync(0);
    }
}
