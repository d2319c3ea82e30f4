using Microsoft.Playwright;
using Switchboard.Testing;
using static Microsoft.Playwright.Assertions;

namespace Switchboard.Browser.Tests;

public sealed class ChannelTests(SqliteHost host, Chromium chromium) : IClassFixture<SqliteHost>
{
    [Fact]
    public async Task AMessageSaidThroughTheApiAppearsOnAnOpenChannelPageWithoutAReload()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var browser = await chromium.OpenAsync(host);
        await browser.SignInAsync(await host.SignInLinkAsync("watcher@example.com", cancellationToken));
        await browser.Page.GotoAsync("/channels/ops");
        // A reload would drop this; the live stream must add the message to the page as it stands.
        await browser.Page.EvaluateAsync("window.openedOnce = true");

        await host.RunAsAdminAsync("say #ops the _primary_ is back", cancellationToken);

        var message = browser.Page.Locator("ol.messages li.message").Filter(new() { HasText = "the primary is back" });
        await Expect(message).ToHaveCountAsync(1);
        await Expect(message.Locator(".author")).ToHaveTextAsync("@admin");
        await Expect(message.Locator("em")).ToHaveTextAsync("primary");
        Assert.True(await browser.Page.EvaluateAsync<bool>("window.openedOnce === true"), "The page reloaded to show the message.");
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task AMessageSentWithThePageFormAppearsOnceOnTheChannel()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var browser = await chromium.OpenAsync(host);
        await browser.SignInAsync(await host.SignInLinkAsync("poster@example.com", cancellationToken));
        await host.RunAsAdminAsync("say #ops the deploy window opens at noon", cancellationToken);
        await browser.Page.GotoAsync("/channels/ops");

        await browser.Page.Locator("#text").FillAsync("shipping **v2** now");
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

        var message = browser.Page.Locator("ol.messages li.message").Filter(new() { HasText = "shipping v2 now" });
        await Expect(message).ToHaveCountAsync(1);
        await Expect(message.Locator(".author")).ToHaveTextAsync("@poster");
        await Expect(browser.Page.Locator("ol.messages li.message").Last).ToContainTextAsync("shipping v2 now");
        await Expect(browser.Page.Locator("#text")).ToBeEmptyAsync();
        await browser.ScreenshotAsync("channel-ops");
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task AnOpenChannelPageGoesToSignInByItselfWhenItsSessionIsRevokedElsewhere()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("revokee", cancellationToken);
        await using var browser = await chromium.OpenAsync(host);
        await browser.SignInAsync(await host.SignInLinkAsync("revokee@example.com", cancellationToken));
        // Revoke once the live stream is open, since the stream is what must notice. (A stream opened after
        // the revocation is refused with 401, and console.js does nothing about that.)
        await browser.Page.RunAndWaitForResponseAsync(
            () => browser.Page.GotoAsync("/channels/ops"), response => response.Url.Contains("/channels/ops/stream", StringComparison.Ordinal));

        var revoke = await host.RunAsync(person, "sessions revoke --all", cancellationToken);

        Assert.True(revoke.IsSuccess, revoke.Detail);
        await Expect(browser.Page).ToHaveURLAsync(host.ConsoleUrl("/signin?reason=auth.session-ended"));
        await Expect(browser.Page.GetByText("This session was signed out or revoked.")).ToBeVisibleAsync();
        await Expect(browser.Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }
}
