using System.Text.Json;
using Microsoft.Playwright;
using Switchboard.Testing;
using static Microsoft.Playwright.Assertions;

namespace Switchboard.Browser.Tests;

/// <summary>The Audit page: the same filters as <c>audit search</c>, and the export of what they find as JSON lines.</summary>
public sealed class AuditTests(SqliteHost host, Chromium chromium) : IClassFixture<SqliteHost>
{
    [Fact]
    public async Task AnAdministratorFiltersTheAuditAndExportsWhatTheFiltersFind()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var mallory = await host.AddPersonAsync("audit-mallory", cancellationToken);
        await host.RunAsync(mallory, "person add eve@example.com --admin", cancellationToken);
        await host.RunAsAdminAsync("team create audited", cancellationToken);
        await using var browser = await chromium.OpenAsync(host);
        await browser.SignInAsync(await host.SignInLinkAsync("admin@example.com", cancellationToken));
        await browser.Page.GetByRole(AriaRole.Link, new() { Name = "Audit", Exact = true }).ClickAsync();
        await Expect(browser.Page.Locator("main .reply")).ToContainTextAsync("succeeded: team create audited");

        await browser.Page.GetByLabel("Person").FillAsync("@audit-mallory");
        await browser.Page.GetByLabel("Outcome").SelectOptionAsync("refused");
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();

        var reply = browser.Page.Locator("main .reply");
        await Expect(reply).ToContainTextAsync("@audit-mallory refused core.permission-denied: person add eve@example.com --admin=true");
        await Expect(reply).Not.ToContainTextAsync("team create audited");
        await browser.ScreenshotAsync("audit");
        var download = await browser.Page.RunAndWaitForDownloadAsync(
            () => browser.Page.GetByRole(AriaRole.Link, new() { Name = "Export these filters as JSON lines" }).ClickAsync());
        var lines = await File.ReadAllLinesAsync(await download.PathAsync(), cancellationToken);
        var entry = JsonDocument.Parse(Assert.Single(lines)).RootElement;
        Assert.Equal("audit-mallory", entry.GetProperty("person").GetString());
        Assert.Equal("refused", entry.GetProperty("outcome").GetString());
        Assert.Equal("audit.jsonl", download.SuggestedFilename);
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task SomeoneWhoIsNotAnAdministratorSeesOnlyTheirOwnEntries()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var walter = await host.AddPersonAsync("audit-walter", cancellationToken);
        await host.RunAsync(walter, "channel create walters-room", cancellationToken);
        await host.RunAsAdminAsync("channel create admins-room", cancellationToken);
        await using var browser = await chromium.OpenAsync(host);
        await browser.SignInAsync(await host.SignInLinkAsync("audit-walter@example.com", cancellationToken));

        await browser.Page.GotoAsync("/audit");

        var reply = browser.Page.Locator("main .reply");
        await Expect(reply).ToContainTextAsync("@audit-walter succeeded: channel create #walters-room");
        await Expect(reply).Not.ToContainTextAsync("admins-room");
        await Expect(browser.Page.GetByLabel("Person")).ToHaveCountAsync(0);
        Assert.Empty(browser.Errors);
    }
}
