using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Switchboard.Testing;
using static Microsoft.Playwright.Assertions;

namespace Switchboard.Browser.Tests;

/// <summary>The Events and Failed deliveries pages, where an administrator sees what went wrong and repairs it.</summary>
public sealed partial class OperatorPagesTests(OperatorPagesTests.OperatorsHost host, WebhookReceiver receiver, Chromium chromium)
    : IClassFixture<OperatorPagesTests.OperatorsHost>
{
    [Fact]
    public async Task AnAdministratorReplaysADeadLetteredEventAndRetriesTheDeliveryThatFailed()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("channel create browser-news", cancellationToken);
        receiver.AnswerAlways(OperatorsHost.Bridge, new WebhookAnswer(410));
        await host.PostGitHubAsync("not json at all"u8.ToArray(), "issues", "browser-garbled-1", OperatorsHost.Secret, cancellationToken);
        var opened = Webhooks.Edited(Webhooks.Fixture("github/issues/opened.payload.json"), payload => payload["repository"]!["full_name"] = "Codertocat/browser");
        await host.PostGitHubAsync(opened, "issues", "browser-late-1", OperatorsHost.Secret, cancellationToken);
        var id = LoggedEvents.IdOf(await host.EventuallyAsync("browser-late-1", "handled", cancellationToken)).ToString(CultureInfo.InvariantCulture);
        await host.EventuallyAsync("browser-garbled-1", "dead-lettered", cancellationToken);
        // As the router leaves an event whose handling kept failing (its database away, say); no command makes a handler fail.
        await host.ExecuteSqlAsync(
            $"INSERT INTO event_dead_letters (consumer, position, error, failed_at) VALUES ('notify', {id}, 'TimeoutException: the database was away', {host.Clock.GetUtcNow().ToUnixTimeMilliseconds()})",
            cancellationToken);
        await host.RunAsAdminAsync("subscribe github Codertocat/browser issues --in #browser-news", cancellationToken);
        await using var browser = await chromium.OpenAsync(host);
        await browser.SignInAsync(await host.SignInLinkAsync("admin@example.com", cancellationToken));

        await browser.Page.GetByRole(AriaRole.Link, new() { Name = "Events", Exact = true }).ClickAsync();
        var rows = browser.Page.Locator("table.events tbody tr");
        var garbled = rows.Filter(new() { HasText = "browser-garbled-1" });
        var late = rows.Filter(new() { HasText = "browser-late-1" });
        await Expect(garbled.Locator(".badge")).ToHaveTextAsync("dead lettered");
        await Expect(garbled.Locator(".failure")).ToHaveTextAsync(JsonError());
        await Expect(late.Locator(".badge")).ToHaveTextAsync("dead lettered");
        await Expect(late.Locator(".failure")).ToHaveTextAsync("TimeoutException: the database was away");
        await browser.ScreenshotAsync("events");
        await late.GetByRole(AriaRole.Link, new() { Name = id, Exact = true }).ClickAsync();
        await Expect(browser.Page.GetByRole(AriaRole.Heading, new() { Name = $"Event {id}" })).ToBeVisibleAsync();
        await Expect(browser.Page.Locator("pre.body")).ToContainTextAsync("\"action\": \"opened\"");
        await browser.ScreenshotAsync("event");
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Replay", Exact = true }).ClickAsync();

        await Expect(browser.LastEntry.Locator(".reply")).ToHaveTextAsync($"Replayed event {id}: posted to #browser-news. It is no longer dead-lettered.");
        await EventuallyAsync(async () => (await host.RunAsAdminAsync("deliveries failed", cancellationToken)).Text!.Contains("#browser-news", StringComparison.Ordinal));
        await browser.Page.GetByRole(AriaRole.Link, new() { Name = "Failed deliveries" }).ClickAsync();
        var failed = browser.Page.Locator("section").Filter(new() { HasText = "#browser-news (webhook)" });
        await Expect(failed).ToContainTextAsync("410");
        await browser.ScreenshotAsync("failed-deliveries");
        receiver.AnswerAlways(OperatorsHost.Bridge, null);
        await failed.GetByRole(AriaRole.Button, new() { NameRegex = RetryOne() }).ClickAsync();

        await Expect(browser.LastEntry.Locator(".reply")).ToHaveTextAsync("Sending 1 failed delivery again.");
        await EventuallyAsync(() => Task.FromResult(receiver.Accepted(OperatorsHost.Bridge).Count == 1));
        Assert.StartsWith("Codertocat opened issue", receiver.Accepted(OperatorsHost.Bridge)[0], StringComparison.Ordinal);
        await browser.Page.GotoAsync("/deliveries/failed");
        await Expect(browser.Page.Locator("main .reply")).ToHaveTextAsync("No delivery has failed.");
        await browser.Page.GotoAsync("/events");
        await Expect(late.Locator(".badge")).ToHaveTextAsync("handled");
        Assert.Empty(browser.Errors);
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), "The condition did not hold within 20 s.");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    [GeneratedRegex(@"^Json\w*Exception: ")]
    private static partial Regex JsonError();

    [GeneratedRegex(@"^Retry \d+$")]
    private static partial Regex RetryOne();

    /// <summary>Takes GitHub's webhooks, and bridges #browser-news to the receiver, whose answers the test sets.</summary>
    public sealed class OperatorsHost(WebhookReceiver receiver) : SqliteHost
    {
        public const string Secret = "browser-secret";
        public const string Bridge = "browser-news";

        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["Hooks:github:Secrets:0"] = Secret,
            ["Delivery:Channels:browser-news:Webhook:Url"] = receiver.Url(Bridge).ToString(),
        };
    }
}
