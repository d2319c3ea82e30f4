using Switchboard.Emulators.PagerDuty;
using Switchboard.Emulators.Slack.WebApi;
using Switchboard.Testing;

namespace Switchboard.Modules.Paging.Tests.PostIncidentMessages;

/// <summary>
/// The incident's card in its assignee's inbox is also a direct message from the app in Slack when their Slack account is
/// proven, one message that each change replaces in place; a claimed account gets none.
/// </summary>
public sealed class IncidentDirectMessageTests(PagingHost host) : IClassFixture<PagingHost>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task TheAssigneesProvenSlackAccountGetsTheCardAsOneDirectMessageThatFollowsTheIncident()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        host.SubscribeToPagerDutyWebhooks();
        var (responder, responderUser) = await host.AddConnectedPersonAsync("dm-rosa", cancellationToken);
        var slackUser = await host.AddSlackAccountAsync(responder, proven: true, cancellationToken);
        var incident = await TriggerAsync("dm-checkout", responderUser, cancellationToken);

        var triggered = await DirectMessageAsync(slackUser, incident, "— triggered", cancellationToken);
        var acknowledged = await host.RunAsync(responder, $"pages ack {incident.Id}", cancellationToken);
        var updated = await DirectMessageAsync(slackUser, incident, "— acknowledged", cancellationToken);

        Assert.True(acknowledged.IsSuccess, acknowledged.Detail);
        Assert.Equal(triggered.Ts, updated.Ts);
        Assert.NotNull(updated.EditedTs);
        Assert.Single(BotMessagesTo(slackUser));
        Assert.Single(host.Slack.State.Calls, c => c.Method == "chat.postMessage" && c.Arguments.GetValueOrDefault("channel") == triggered.Channel);
    }

    [Fact]
    public async Task ADirectMessageSlackKeptButNeverAnsweredIsNotPostedAgain()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        host.SubscribeToPagerDutyWebhooks();
        var (responder, responderUser) = await host.AddConnectedPersonAsync("dm-lena", cancellationToken);
        var slackUser = await host.AddSlackAccountAsync(responder, proven: true, cancellationToken);
        var im = host.Slack.State.OpenIm(slackUser.Id).Id;
        host.Slack.State.TimeOutNext("chat.postMessage");

        var incident = await TriggerAsync("dm-ledger", responderUser, cancellationToken);
        await host.AdvanceClockUntilAsync(
            () => host.Slack.State.Calls.Any(c => c.Method == "conversations.history" && c.Arguments.GetValueOrDefault("channel") == im), Patience, cancellationToken);
        var acknowledged = await host.RunAsync(responder, $"pages ack {incident.Id}", cancellationToken);
        var updated = await DirectMessageAsync(slackUser, incident, "— acknowledged", cancellationToken);

        Assert.True(acknowledged.IsSuccess, acknowledged.Detail);
        Assert.Equal(updated.Ts, Assert.Single(BotMessagesTo(slackUser)).Ts);
        Assert.Single(host.Slack.State.Calls, c => c.Method == "chat.postMessage" && c.Arguments.GetValueOrDefault("channel") == im);
    }

    [Fact]
    public async Task AReassignedIncidentReachesTheNewAssigneeInSlackAndLeavesThePreviousOnesMessageAlone()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        host.SubscribeToPagerDutyWebhooks();
        var (responder, responderUser) = await host.AddConnectedPersonAsync("dm-ravi", cancellationToken);
        var (helper, _) = await host.AddConnectedPersonAsync("dm-hana", cancellationToken);
        var responderSlack = await host.AddSlackAccountAsync(responder, proven: true, cancellationToken);
        var helperSlack = await host.AddSlackAccountAsync(helper, proven: true, cancellationToken);
        var incident = await TriggerAsync("dm-search", responderUser, cancellationToken);
        var before = await DirectMessageAsync(responderSlack, incident, "— triggered", cancellationToken);

        var reassigned = await host.RunAsync(responder, $"pages reassign {incident.Id} @dm-hana", cancellationToken);
        var handedOver = await DirectMessageAsync(helperSlack, incident, "Assigned to: @dm-hana", cancellationToken);

        Assert.True(reassigned.IsSuccess, reassigned.Detail);
        Assert.Single(BotMessagesTo(helperSlack));
        var after = Assert.Single(BotMessagesTo(responderSlack));
        Assert.Equal(before.Ts, after.Ts);
        Assert.NotEqual(before.Channel, handedOver.Channel);
    }

    [Fact]
    public async Task AnAssigneeWhoOnlyClaimsASlackAccountGetsNoDirectMessage()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        host.SubscribeToPagerDutyWebhooks();
        var (claimer, claimerUser) = await host.AddConnectedPersonAsync("dm-cleo", cancellationToken);
        var slackUser = await host.AddSlackAccountAsync(claimer, proven: false, cancellationToken);
        var incident = await TriggerAsync("dm-billing", claimerUser, cancellationToken);

        await InboxCardAsync(claimer, incident, "triggered", cancellationToken);
        // The outbox delivers within milliseconds of the commit: a direct message would be there long before this.
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);

        Assert.Empty(BotMessagesTo(slackUser));
        Assert.DoesNotContain(host.Slack.State.Calls, c => c.Method == "conversations.open" && c.Arguments.GetValueOrDefault("users") == slackUser.Id);
    }

    private async Task<PagerDutyIncident> TriggerAsync(string name, PagerDutyUser assignee, CancellationToken cancellationToken)
    {
        var service = host.PagerDuty.State.AddService(name, host.PagerDuty.State.AddEscalationPolicy(name, [assignee]));
        await host.RunAsAdminAsync($"team create {name}", cancellationToken);
        await host.RunAsAdminAsync($"channel create {name}-ops", cancellationToken);
        var created = await host.RunAsAdminAsync($"service create {name} --team {name} --pagerduty {service.Id} --channel #{name}-ops", cancellationToken);
        Assert.True(created.IsSuccess, created.Detail);
        return host.PagerDuty.Trigger(service, "Payments time out");
    }

    /// <summary>The app's messages in its direct-message conversation with the Slack user (the one <c>conversations.open</c> answers).</summary>
    private IReadOnlyList<SlackMessage> BotMessagesTo(SlackUser user) =>
        [.. host.Slack.State.MessagesIn(host.Slack.State.OpenIm(user.Id).Id).Where(m => m.User == SlackState.BotUserId)];

    private async Task<SlackMessage> DirectMessageAsync(SlackUser user, PagerDutyIncident incident, string expected, CancellationToken cancellationToken)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var found = BotMessagesTo(user).LastOrDefault(m => m.Text?.Contains(incident.Id, StringComparison.Ordinal) == true);
            if (found?.Text?.Contains(expected, StringComparison.Ordinal) == true)
            {
                return found;
            }

            Assert.True(waited.Elapsed < Patience, $"No direct message to {user.Id} about incident {incident.Id} said '{expected}' within {Patience}; the last said:\n{found?.Text}");
            await Task.Delay(100, cancellationToken);
        }
    }

    private async Task InboxCardAsync(TestPerson person, PagerDutyIncident incident, string expected, CancellationToken cancellationToken)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            using var client = host.ApiClient(person);
            var inbox = await client.GetStringAsync(new Uri("/api/channels/inbox/messages", UriKind.Relative), cancellationToken);
            if (inbox.Contains(incident.Id, StringComparison.Ordinal) && inbox.Contains(expected, StringComparison.Ordinal))
            {
                return;
            }

            Assert.True(waited.Elapsed < Patience, $"@{person.Handle}'s inbox had no card about incident {incident.Id} saying '{expected}' within {Patience}.");
            await Task.Delay(100, cancellationToken);
        }
    }
}
