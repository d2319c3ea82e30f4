using System.Net;
using System.Text;
using Switchboard.Modules.Notify.Tests.Catalog;
using Switchboard.Testing;

namespace Switchboard.Modules.Notify.Tests.ShowEvent;

/// <summary><c>events show</c>: one event as received, how it proved its origin, and where it went.</summary>
public sealed class ShowEventTests(CatalogHost host) : IClassFixture<CatalogHost>
{
    private const string Secret = CatalogHost.Secret;

    [Fact]
    public async Task ShowsTheKeysVerificationKeptHeadersBodyAndTheChannelItWentTo()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("channel create show-events", cancellationToken);
        await host.RunAsAdminAsync("subscribe github Codertocat/Hello-World issues --in #show-events", cancellationToken);
        await host.PostGitHubAsync(Webhooks.Fixture("github/issues/opened.payload.json"), "issues", "show-handled-1", Secret, cancellationToken);
        var id = LoggedEvents.IdOf(await host.EventuallyAsync("show-handled-1", "handled", cancellationToken));

        var shown = await host.RunAsAdminAsync($"events show {id}", cancellationToken);

        Assert.Equal("handled", shown.Field("Status"));
        Assert.Equal("`show-handled-1`", shown.Field("Dedupe key"));
        Assert.Equal("`Codertocat/Hello-World`", shown.Field("Ordering key"));
        Assert.Equal("X-Hub-Signature-256 matched a configured secret (HMAC-SHA256 of the body)", shown.Field("Verified"));
        Assert.Equal("`issues`", shown.Field("X-GitHub-Event"));
        Assert.Null(shown.Field("X-Hub-Signature-256"));
        Assert.Contains("#show-events at Nov 25 09:00:00", shown.Text, StringComparison.Ordinal);
        Assert.Contains("Body, the first 2,000 of ", shown.Text, StringComparison.Ordinal);
        Assert.Contains("\n    \"action\": \"opened\",\n", shown.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADeadLetteredEventShowsItsErrorAndItsBodyAsReceived()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.PostGitHubAsync(Encoding.UTF8.GetBytes("{\"unfinished\": "), "issues", "show-unparseable-1", Secret, cancellationToken);
        var id = LoggedEvents.IdOf(await host.EventuallyAsync("show-unparseable-1", "dead-lettered", cancellationToken));

        var shown = await host.RunAsAdminAsync($"events show {id}", cancellationToken);

        Assert.Matches(@"^\*\*dead-lettered\*\*: Json\w*Exception: ", shown.Field("Status"));
        Assert.Equal("none", shown.Field("Ordering key"));
        Assert.NotNull(shown.Field("Dead-lettered at"));
        Assert.Contains("No channel yet.", shown.Text, StringComparison.Ordinal);
        Assert.Contains("Body (15 bytes)\n  `{\"unfinished\": `", shown.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnIdTheLogDoesNotHoldIsNotFound()
    {
        var outcome = await host.RunAsync(host.Admin, "events show 987654321", TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.NotFound, "notify.unknown-event"), (outcome.Status, outcome.Code));
        Assert.Equal("There is no event 987654321 in the log: it never was, or it is older than the log keeps events (EventLog:RetentionDays); `events` lists the recent ones with their ids.", outcome.Detail);
    }
}
