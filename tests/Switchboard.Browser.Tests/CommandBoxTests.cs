using Microsoft.Playwright;
using Switchboard.Testing;
using static Microsoft.Playwright.Assertions;

namespace Switchboard.Browser.Tests;

public sealed class CommandBoxTests(SqliteHost host, Chromium chromium) : IClassFixture<SqliteHost>
{
    [Fact]
    public async Task WhoamiTypedIntoTheBoxAnswersWithTheSignedInPersonThroughTheWeb()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var browser = await chromium.OpenAsync(host);
        await browser.SignInAsync(await host.SignInLinkAsync("typist@example.com", cancellationToken));

        await browser.Page.Locator("#line").FillAsync("whoami");
        await browser.Page.Locator("#line").PressAsync("Enter");

        await Expect(browser.LastEntry.Locator(".prompt")).ToHaveTextAsync("whoami");
        await Expect(browser.LastEntry.Locator(".reply")).ToContainTextAsync("typist@example.com");
        await Expect(browser.LastEntry.Locator("dl.fields div").Filter(new() { HasText = "Signed in through" }).Locator("dd")).ToHaveTextAsync("web");
        await Expect(browser.Page.Locator("#line")).ToBeEmptyAsync();
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task AnAdministratorCreatesATeamWithTheRunButtonAndSeesItSucceed()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.AddPersonAsync("chief", cancellationToken, admin: true);
        await using var browser = await chromium.OpenAsync(host);
        await browser.SignInAsync(await host.SignInLinkAsync("chief@example.com", cancellationToken));
        await browser.RunAsync("whoami");

        await browser.Page.Locator("#line").FillAsync("team create ops-browser");
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true }).ClickAsync();

        await Expect(browser.LastEntry.Locator(".prompt")).ToHaveTextAsync("team create ops-browser");
        await Expect(browser.LastEntry.Locator(".reply")).ToHaveClassAsync("reply severity-success");
        await Expect(browser.LastEntry.Locator(".reply")).ToContainTextAsync("Created team ops-browser.");
        await Expect(browser.Page.Locator("article.entry")).ToHaveCountAsync(2);
        await browser.ScreenshotAsync("console");
    }
}
