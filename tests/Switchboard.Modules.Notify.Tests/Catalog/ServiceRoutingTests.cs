using System.Net;
using Switchboard.Testing;

namespace Switchboard.Modules.Notify.Tests.Catalog;

/// <summary>Events find their service: alerts reach its channel with no subscription, and its timeline remembers them.</summary>
public sealed class ServiceRoutingTests(CatalogHost host) : IClassFixture<CatalogHost>
{
    private const string Secret = CatalogHost.Secret;

    [Fact]
    public async Task AnIncidentReachesTheOwningServicesChannelAndStaysOpenUntilResolved()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("channel create pig-team", cancellationToken);
        await host.RunAsAdminAsync("service create pig --team ops --pagerduty PA2P440 --channel #pig-team", cancellationToken);
        var triggered = Webhooks.Fixture("pagerduty/zulip/triggered_v3.json");

        Assert.Equal(HttpStatusCode.Accepted, (await host.PostPagerDutyAsync(triggered, Secret, cancellationToken)).StatusCode);
        var posted = await host.MessagesEventuallyAsync("pig-team", 1, cancellationToken);
        // Paging posts that message and the notify consumer records the alert: two consumers, so wait for the timeline too.
        var whileOpen = await host.RunAsAdminAsync("service show pig", cancellationToken);
        for (var waits = 0; waits < 200 && !whileOpen.Text!.Contains("1 open alert:", StringComparison.Ordinal); waits++)
        {
            await Task.Delay(100, cancellationToken);
            whileOpen = await host.RunAsAdminAsync("service show pig", cancellationToken);
        }

        var resolved = Webhooks.Edited(triggered, payload =>
        {
            payload["event"]!["id"] = "resolved-event-of-PFQZPSY";
            payload["event"]!["event_type"] = "incident.resolved";
            payload["event"]!["data"]!["status"] = "resolved";
        });
        await host.PostPagerDutyAsync(resolved, Secret, cancellationToken);
        // The owning channel holds paging's one message, replaced in place, so wait for the timeline, not a second message.
        var afterwards = await host.RunAsAdminAsync("errors pig", cancellationToken);
        for (var waits = 0; waits < 200 && !afterwards.Text!.Contains("No open alerts.", StringComparison.Ordinal); waits++)
        {
            await Task.Delay(100, cancellationToken);
            afterwards = await host.RunAsAdminAsync("errors pig", cancellationToken);
        }

        var activity = await host.RunAsAdminAsync("activity pig", cancellationToken);

        // The paging module keeps the incident's own message in the owning channel, so the router leaves that channel to it.
        Assert.Contains("Incident #9 Test Incident 3 — triggered", posted[0], StringComparison.Ordinal);
        Assert.DoesNotContain(posted, message => message.Contains("triggered on pig208", StringComparison.Ordinal));
        Assert.Contains("1 open alert:", whileOpen.Text, StringComparison.Ordinal);
        Assert.Contains("alert · [Incident #9 Test Incident 3 triggered]", whileOpen.Text, StringComparison.Ordinal);
        Assert.Contains("No open alerts.", afterwards.Text, StringComparison.Ordinal);
        Assert.Matches(@"alert closed · \[Incident #9 Test Incident 3 resolved\].*\(pagerduty\)\n.* · alert · \[Incident #9 Test Incident 3 triggered\]", activity.Text);
    }

    [Fact]
    public async Task ANewSentryIssueIsAnErrorOfTheServiceThatOwnsTheProject()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("channel create front-team", cancellationToken);
        await host.RunAsAdminAsync("service create front --team web --sentry front-end --channel #front-team", cancellationToken);

        await host.PostSentryAsync(Webhooks.Fixture("sentry/sentry-docs/issue.created.json"), "issue", "sentry-request-1", Secret, cancellationToken);
        await host.MessagesEventuallyAsync("front-team", 1, cancellationToken);
        var errors = await host.RunAsAdminAsync("errors front", cancellationToken);

        Assert.Matches(@"^Warning: 1 new or reactivated error in front, last 24h:\n.* · error · New: .* \(sentry\)\nNo open alerts\.$", errors.Text);
    }

    [Fact]
    public async Task AMergeGoesOnTheTimelineAndToTheChannelButAnOpenedIssueOnlyToSubscribers()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("channel create hello-team", cancellationToken);
        await host.RunAsAdminAsync("service create hello --team web --repo codertocat/hello-world --channel #hello-team", cancellationToken);
        var merged = Webhooks.Edited(Webhooks.Fixture("github/pull_request/closed.payload.json"), payload => payload["pull_request"]!["merged"] = true);

        await host.PostGitHubAsync(Webhooks.Fixture("github/issues/opened.payload.json"), "issues", "hello-issue-1", Secret, cancellationToken);
        await host.PostGitHubAsync(merged, "pull_request", "hello-merge-1", Secret, cancellationToken);
        var posted = await host.MessagesEventuallyAsync("hello-team", 1, cancellationToken);
        var activity = await host.RunAsAdminAsync("activity Codertocat/Hello-World", cancellationToken);

        Assert.Contains("merged pull request", Assert.Single(posted), StringComparison.Ordinal);
        Assert.Matches(@"^Activity of `Codertocat/Hello-World` \(service hello\), last 24h, newest first:\n.* · merge · \[Merged #2 .* by Codertocat \(github\)$", activity.Text);
    }

    [Fact]
    public async Task ATeamSubscriptionHearsOfEveryServiceTheTeamOwns()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("channel create payments-news", cancellationToken);
        await host.RunAsAdminAsync("service create ledger --team payments --pagerduty PF9KMXH", cancellationToken);
        await host.RunAsAdminAsync("subscribe pagerduty team:payments --in #payments-news", cancellationToken);

        await host.PostPagerDutyAsync(Webhooks.Fixture("pagerduty/developer-docs/incident.priority_updated.json"), Secret, cancellationToken);
        var posted = await host.MessagesEventuallyAsync("payments-news", 1, cancellationToken);

        Assert.Contains("Priority of incident", Assert.Single(posted), StringComparison.Ordinal);
    }
}
