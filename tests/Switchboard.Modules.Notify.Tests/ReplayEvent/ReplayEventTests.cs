using System.Net;
using System.Text;
using Switchboard.Modules.Notify.Tests.Catalog;
using Switchboard.Testing;

namespace Switchboard.Modules.Notify.Tests.ReplayEvent;

/// <summary><c>events replay</c>: an event routed again reaches the channels that have not had it, once.</summary>
public sealed class ReplayEventTests(CatalogHost host) : IClassFixture<CatalogHost>
{
    private const string Secret = CatalogHost.Secret;

    [Fact]
    public async Task AnEventThatArrivedBeforeItsSubscriptionIsDeliveredByAReplayAndNotDoubledByASecond()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("channel create replay-late", cancellationToken);
        await host.PostGitHubAsync(In("github/issues/opened.payload.json", "Codertocat/replay-late"), "issues", "replay-late-1", Secret, cancellationToken);
        var id = LoggedEvents.IdOf(await host.EventuallyAsync("replay-late-1", "handled", cancellationToken));
        await host.RunAsAdminAsync("subscribe github Codertocat/replay-late issues --in #replay-late", cancellationToken);

        var first = await host.RunAsAdminAsync($"events replay {id}", cancellationToken);
        var posted = await host.MessagesEventuallyAsync("replay-late", 1, cancellationToken);
        var second = await host.RunAsAdminAsync($"events replay {id}", cancellationToken);
        var shown = await host.RunAsAdminAsync($"events show {id}", cancellationToken);

        Assert.Equal($"Replayed event {id}: posted to #replay-late.", first.Text);
        Assert.StartsWith("Codertocat opened issue", Assert.Single(posted), StringComparison.Ordinal);
        Assert.Equal($"Event {id} was not posted again: #replay-late had it already.", second.Text);
        Assert.Single(await host.MessagesAsync("replay-late", cancellationToken));
        Assert.Contains("#replay-late at Nov 25 09:00:00, replayed by @admin", shown.Text, StringComparison.Ordinal);
        Assert.Contains($"events replay {id}", (await host.RunAsAdminAsync("audit tail --count 5", cancellationToken)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReplayInAChannelPostsThereAloneAndOnlyOnce()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("channel create replay-subscribed", cancellationToken);
        await host.RunAsAdminAsync("channel create replay-chosen", cancellationToken);
        await host.RunAsAdminAsync("subscribe github Codertocat/replay-in releases --in #replay-subscribed", cancellationToken);
        await host.PostGitHubAsync(In("github/release/published.payload.json", "Codertocat/replay-in"), "release", "replay-in-1", Secret, cancellationToken);
        await host.MessagesEventuallyAsync("replay-subscribed", 1, cancellationToken);
        var id = LoggedEvents.IdOf(await host.EventuallyAsync("replay-in-1", "handled", cancellationToken));

        var into = await host.RunAsAdminAsync($"events replay {id} --in #replay-chosen", cancellationToken);
        var again = await host.RunAsAdminAsync($"events replay {id} --in #replay-chosen", cancellationToken);
        var everywhere = await host.RunAsAdminAsync($"events replay {id}", cancellationToken);

        Assert.Equal($"Replayed event {id}: posted to #replay-chosen.", into.Text);
        Assert.Equal($"Event {id} was not posted again: #replay-chosen had it already.", again.Text);
        Assert.Equal($"Event {id} was not posted again: #replay-subscribed had it already.", everywhere.Text);
        Assert.Single(await host.MessagesAsync("replay-chosen", cancellationToken));
        Assert.Single(await host.MessagesAsync("replay-subscribed", cancellationToken));
    }

    [Fact]
    public async Task ReplayingADeadLetteredEventThatNowRoutesClearsItsDeadLetter()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("channel create replay-revived", cancellationToken);
        await host.PostGitHubAsync(In("github/issues/reopened.payload.json", "Codertocat/replay-revived"), "issues", "replay-revived-1", Secret, cancellationToken);
        var id = LoggedEvents.IdOf(await host.EventuallyAsync("replay-revived-1", "handled", cancellationToken));
        // As the consumer leaves an event whose handler kept failing (its database away, say); no command fails a handler.
        await host.ExecuteSqlAsync(
            $"INSERT INTO event_dead_letters (consumer, position, error, failed_at) VALUES ('notify', {id}, 'TimeoutException: the database was away', {host.Clock.GetUtcNow().ToUnixTimeMilliseconds()})",
            cancellationToken);
        await host.EventuallyAsync("replay-revived-1", "dead-lettered", cancellationToken);
        await host.RunAsAdminAsync("subscribe github Codertocat/replay-revived issues --in #replay-revived", cancellationToken);

        var replayed = await host.RunAsAdminAsync($"events replay {id}", cancellationToken);

        Assert.Equal($"Replayed event {id}: posted to #replay-revived. It is no longer dead-lettered.", replayed.Text);
        Assert.EndsWith("· handled", await host.LineAsync("replay-revived-1", cancellationToken), StringComparison.Ordinal);
        Assert.Single(await host.MessagesEventuallyAsync("replay-revived", 1, cancellationToken));
    }

    [Fact]
    public async Task ADeadLetteredEventThatStillCannotBeReadIsRefusedAndStaysDeadLettered()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.PostGitHubAsync(Encoding.UTF8.GetBytes("not json at all"), "issues", "replay-unreadable-1", Secret, cancellationToken);
        var id = LoggedEvents.IdOf(await host.EventuallyAsync("replay-unreadable-1", "dead-lettered", cancellationToken));

        var replayed = await host.RunAsync(host.Admin, $"events replay {id}", cancellationToken);

        Assert.Equal((HttpStatusCode.Conflict, "notify.unreadable-event"), (replayed.Status, replayed.Code));
        Assert.StartsWith($"Event {id} still cannot be read, so it was not replayed: ", replayed.Detail, StringComparison.Ordinal);
        Assert.Matches(@"· dead-lettered: Json\w*Exception: ", await host.LineAsync("replay-unreadable-1", cancellationToken));
    }

    [Fact]
    public async Task OnlyAdministratorsReplay()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var member = await host.AddPersonAsync("replay-member", cancellationToken);
        await host.PostGitHubAsync(Webhooks.Fixture("github/issues/opened.payload.json"), "issues", "replay-refused-1", Secret, cancellationToken);
        var id = LoggedEvents.IdOf(await host.EventuallyAsync("replay-refused-1", "handled", cancellationToken));

        var replayed = await host.RunAsync(member, $"events replay {id}", cancellationToken);
        var listed = await host.RunAsync(member, "events", cancellationToken);

        Assert.Equal((HttpStatusCode.Forbidden, "core.permission-denied"), (replayed.Status, replayed.Code));
        Assert.Equal("This use of events replay needs the permission notify.replay, which only administrators have.", replayed.Detail);
        Assert.True(listed.IsSuccess, listed.Detail);
    }

    [Theory]
    [InlineData("events replay 987654321", HttpStatusCode.NotFound, "notify.unknown-event")]
    [InlineData("events replay 1 --in #no-such-channel", HttpStatusCode.NotFound, "notify.unknown-channel")]
    public async Task AReplayOfWhatDoesNotExistIsNotFound(string command, HttpStatusCode status, string code)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.PostGitHubAsync(Webhooks.Fixture("github/issues/opened.payload.json"), "issues", "replay-exists-1", Secret, cancellationToken);
        await host.EventuallyAsync("replay-exists-1", "handled", cancellationToken);

        var outcome = await host.RunAsync(host.Admin, command, cancellationToken);

        Assert.Equal((status, code), (outcome.Status, outcome.Code));
    }

    /// <summary>A fixture about a repository of the test's own, so that no other test's subscription hears of it.</summary>
    private static byte[] In(string fixture, string repository) =>
        Webhooks.Edited(Webhooks.Fixture(fixture), payload => payload["repository"]!["full_name"] = repository);
}
