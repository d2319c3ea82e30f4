using Microsoft.Playwright;
using Switchboard.Testing;
using static Microsoft.Playwright.Assertions;

namespace Switchboard.Browser.Tests;

public sealed class PhoneTests(SqliteHost host, Chromium chromium) : IClassFixture<SqliteHost>
{
    private const int PhoneWidth = 390;

    private static readonly BrowserNewContextOptions Phone = new()
    {
        ViewportSize = new() { Width = PhoneWidth, Height = 844 },
        DeviceScaleFactor = 2,
        IsMobile = true,
        HasTouch = true,
        UserAgent = "Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36",
    };

    [Fact]
    public async Task TheConsoleWithRepliesFitsAPhoneScreenAndShowsTheNewestReply()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var browser = await chromium.OpenAsync(host, Phone);
        await browser.SignInAsync(await host.SignInLinkAsync("thumbs@example.com", cancellationToken));

        await browser.RunAsync("whoami");
        await browser.RunAsync("sessions");
        await browser.RunAsync("say #ops " + new string('x', 200));

        await Expect(browser.LastEntry.Locator(".reply")).ToBeInViewportAsync();
        await Expect(browser.Page.GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true })).ToBeInViewportAsync();
        // Not window.innerWidth: a phone browser zooms out to fit a page that is too wide, and innerWidth grows with it.
        var pageWidth = await browser.Page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        await browser.ScreenshotAsync("phone-console");
        Assert.True(pageWidth <= PhoneWidth, $"The page is {pageWidth} px wide on a {PhoneWidth} px phone, so it scrolls sideways.");
    }
}
