using System.Net;
using System.Text;
using Switchboard.Modules.Notify.Tests.Catalog;
using Switchboard.Testing;

namespace Switchboard.Modules.Notify.Tests.ListEvents;

/// <summary><c>events</c>: what came in, what it was about, and how far the router got with it.</summary>
public sealed class ListEventsTests(CatalogHost host) : IClassFixture<CatalogHost>
{
    private const string Secret = CatalogHost.Secret;

    [Fact]
    public async Task ASignedGitHubDeliveryIsListedAsHandledWithItsKeysAndRepository()
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        var response = await host.PostGitHubAsync(Webhooks.Fixture("github/issues/opened.payload.json"), "issues", "list-handled-1", Secret, cancellationToken);
        var line = await host.EventuallyAsync("list-handled-1", "handled", cancellationToken);
        var fromGitHub = await host.RunAsAdminAsync("events --source github", cancellationToken);
        var fromSentry = await host.RunAsAdminAsync("events --source sentry", cancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Matches(@"^\d+ · Nov 25 09:00:00 · github `issues` · `list-handled-1` · `Codertocat/Hello-World` · handled$", line);
        Assert.Contains(line, fromGitHub.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("list-handled-1", fromSentry.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AVerifiedBodyThatDoesNotParseIsListedAsDeadLetteredWithItsError()
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        var response = await host.PostGitHubAsync(Encoding.UTF8.GetBytes("this is { not json"), "issues", "list-unparseable-1", Secret, cancellationToken);
        var line = await host.EventuallyAsync("list-unparseable-1", "dead-lettered", cancellationToken);
        var listed = await host.RunAsAdminAsync("events", cancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Matches(@"^\d+ · Nov 25 09:00:00 · github `issues` · `list-unparseable-1` · dead-lettered: Json\w*Exception: '.*$", line);
        Assert.Equal("Warning", listed.Body.GetProperty("severity").GetString(), ignoreCase: true);
    }

    [Fact]
    public async Task AServiceListsTheEventsOfItsRepositoriesAndNoOthers()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("service create listed --team web --repo Codertocat/listed", cancellationToken);
        await host.RunAsAdminAsync("service create unlisted --team web --pagerduty PUNLIST", cancellationToken);

        await host.PostGitHubAsync(IssueOpenedIn("Codertocat/listed"), "issues", "list-service-1", Secret, cancellationToken);
        var line = await host.EventuallyAsync("list-service-1", "handled", cancellationToken);
        var ofService = await host.RunAsAdminAsync("events --service listed", cancellationToken);
        var ofOther = await host.RunAsAdminAsync("events --service unlisted", cancellationToken);

        Assert.EndsWith("· `Codertocat/listed` (service listed) · handled", line, StringComparison.Ordinal);
        Assert.Contains("list-service-1", ofService.Text, StringComparison.Ordinal);
        Assert.Equal("No events of service unlisted in the last 24h.", ofOther.Text);
    }

    [Theory]
    [InlineData("events --service nowhere", HttpStatusCode.NotFound, "notify.unknown-service")]
    [InlineData("events --since 3w", HttpStatusCode.BadRequest, "notify.invalid-since")]
    [InlineData("events --limit 0", HttpStatusCode.BadRequest, "notify.invalid-limit")]
    [InlineData("events --limit 201", HttpStatusCode.BadRequest, "notify.invalid-limit")]
    public async Task AFilterThatCannotBeUsedIsRefused(string command, HttpStatusCode status, string code)
    {
        var outcome = await host.RunAsync(host.Admin, command, TestContext.Current.CancellationToken);

        Assert.Equal((status, code), (outcome.Status, outcome.Code));
    }

    private static byte[] IssueOpenedIn(string repository) =>
        Webhooks.Edited(Webhooks.Fixture("github/issues/opened.payload.json"), payload => payload["repository"]!["full_name"] = repository);
}
