using Microsoft.Playwright;
using Switchboard.Testing;
using static Microsoft.Playwright.Assertions;

namespace Switchboard.Browser.Tests;

public sealed class SessionsTests(SqliteHost host, Chromium chromium) : IClassFixture<SqliteHost>
{
    private const string FirefoxOnAndroid = "Mozilla/5.0 (Android 15; Mobile; rv:140.0) Gecko/140.0 Firefox/140.0";

    [Fact]
    public async Task SigningOutTheOtherBrowserFromTheSessionsPageSendsItToSignInAfterConfirmation()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.AddPersonAsync("juggler", cancellationToken);
        await using var laptop = await chromium.OpenAsync(host);
        await using var phone = await chromium.OpenAsync(host, new() { UserAgent = FirefoxOnAndroid });
        await laptop.SignInAsync(await host.SignInLinkAsync("juggler@example.com", cancellationToken));
        await phone.SignInAsync(await host.SignInLinkAsync("juggler@example.com", cancellationToken));
        await laptop.Page.GotoAsync("/sessions");
        var sessions = laptop.Page.Locator("dl.fields > div");
        await Expect(sessions).ToHaveCountAsync(2);
        var phoneSession = (await sessions.Filter(new() { HasText = "Firefox on Android" }).Locator("dt").TextContentAsync())!.Trim();
        await laptop.ScreenshotAsync("sessions");

        await laptop.Page.GetByRole(AriaRole.Button, new() { Name = $"Sign out {phoneSession}", Exact = true }).ClickAsync();
        await Expect(laptop.Page.GetByRole(AriaRole.Alertdialog)).ToContainTextAsync($"Sign out Firefox on Android (session {phoneSession})?");
        await laptop.ScreenshotAsync("confirm");
        await laptop.Page.GetByRole(AriaRole.Button, new() { Name = "Yes, run it" }).ClickAsync();

        await Expect(laptop.LastEntry.Locator(".reply")).ToHaveClassAsync("reply severity-success");
        await Expect(laptop.LastEntry.Locator(".reply")).ToContainTextAsync("Signed out Firefox on Android");
        await phone.Page.ReloadAsync();
        await Expect(phone.Page).ToHaveURLAsync(host.ConsoleUrl("/signin?reason=auth.session-ended"));
        await Expect(phone.Page.GetByText("This session was signed out or revoked.")).ToBeVisibleAsync();
        await laptop.Page.GotoAsync("/sessions");
        await Expect(sessions).ToHaveCountAsync(1);
        await Expect(laptop.Me).ToHaveTextAsync("@juggler");
    }
}
