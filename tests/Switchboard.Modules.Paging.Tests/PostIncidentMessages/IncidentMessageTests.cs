using System.Net.Http.Json;
using System.Text.Json;
using Switchboard.Emulators.PagerDuty;
using Switchboard.Testing;

namespace Switchboard.Modules.Paging.Tests.PostIncidentMessages;

/// <summary>
/// A PagerDuty incident, through the emulator's signed v3 webhooks, is one message in its owning service's channel (and
/// its assignee's inbox) with what changed on that service in the 24 hours before; buttons and commands act as the
/// person on PagerDuty, and the message is replaced in place by each change PagerDuty reports.
/// </summary>
public sealed class IncidentMessageTests(PagingHost host) : IClassFixture<PagingHost>
{
    [Fact]
    public async Task AnIncidentIsOneMessageWithItsServicesContextThatFollowsButtonsAndCommands()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        host.SubscribeToPagerDutyWebhooks();
        var (responder, responderUser) = await host.AddConnectedPersonAsync("msg-rosa", cancellationToken);
        var (helper, helperUser) = await host.AddConnectedPersonAsync("msg-hal", cancellationToken);
        var service = host.PagerDuty.State.AddService("checkout", host.PagerDuty.State.AddEscalationPolicy("checkout", [responderUser]));
        await host.RunAsAdminAsync("team create shop", cancellationToken);
        await host.RunAsAdminAsync("channel create checkout-ops", cancellationToken);
        await host.RunAsAdminAsync("channel create other-ops", cancellationToken);
        await host.RunAsAdminAsync($"service create checkout --team shop --pagerduty {service.Id} --repo codertocat/hello-world --sentry front-end --channel #checkout-ops", cancellationToken);
        await host.RunAsAdminAsync("service create other --team shop --repo acme/other --channel #other-ops", cancellationToken);
        await ArrangeTimelineAsync(cancellationToken);

        var incident = host.PagerDuty.Trigger(service, "Payments time out");
        var opened = await IncidentMessageAsync(incident, "— triggered", cancellationToken);

        Assert.Contains("Urgency:     high", opened.Text, StringComparison.Ordinal);
        Assert.Contains("Service:     checkout", opened.Text, StringComparison.Ordinal);
        Assert.Contains("Assigned to: @msg-rosa", opened.Text, StringComparison.Ordinal);
        Assert.Contains("Changes to checkout in the 24 hours before", opened.Text, StringComparison.Ordinal);
        Assert.Contains("· merge · [Merged #2 Update the README", opened.Text, StringComparison.Ordinal);
        Assert.Contains("· error · ", opened.Text, StringComparison.Ordinal);
        Assert.Single(opened.Text.Split('\n'), line => line.Contains("· deploy · ", StringComparison.Ordinal));
        Assert.DoesNotContain("acme/other", opened.Text, StringComparison.Ordinal);
        Assert.Equal(["Acknowledge", "Resolve", "Escalate", "Add note", "Page someone else"], opened.Buttons.Select(b => b.Label));
        Assert.Contains(await InboxAsync(responder, cancellationToken), m => m.Text.Contains($"Incident:    {incident.Id}", StringComparison.Ordinal));

        var acknowledge = opened.Buttons.Single(b => b.Label == "Acknowledge");
        var clicked = await host.RunAsync(responder, acknowledge.Command, cancellationToken, idempotencyKey: acknowledge.IdempotencyKey);
        var acknowledged = await IncidentMessageAsync(incident, "— acknowledged", cancellationToken);

        Assert.True(clicked.IsSuccess, clicked.Detail);
        Assert.Equal(("acknowledge", responderUser, "oauth"), Last(incident));
        Assert.Contains("Acknowledged by @msg-rosa.", acknowledged.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(acknowledged.Buttons, b => b.Label == "Acknowledge");

        var reassigned = await host.RunAsync(helper, $"pages reassign {incident.Id} @msg-hal", cancellationToken);
        await IncidentMessageAsync(incident, "Assigned to: @msg-hal", cancellationToken);
        var byCommand = await host.RunAsync(helper, $"pages ack {incident.Id}", cancellationToken);
        var acknowledgedAgain = await IncidentMessageAsync(incident, "Acknowledged by @msg-hal.", cancellationToken);

        Assert.True(reassigned.IsSuccess, reassigned.Detail);
        Assert.True(byCommand.IsSuccess, byCommand.Detail);
        Assert.Equal(("acknowledge", helperUser, "oauth"), Last(incident));
        Assert.Contains("— acknowledged", acknowledgedAgain.Text, StringComparison.Ordinal);

        var resolve = acknowledgedAgain.Buttons.Single(b => b.Label == "Resolve");
        var resolvedByButton = await host.RunAsync(helper, resolve.Command, cancellationToken, idempotencyKey: resolve.IdempotencyKey);
        var resolved = await IncidentMessageAsync(incident, "— resolved", cancellationToken);

        Assert.True(resolvedByButton.IsSuccess, resolvedByButton.Detail);
        Assert.Equal(("resolve", helperUser, "oauth"), Last(incident));
        Assert.Contains("Resolved by @msg-hal.", resolved.Text, StringComparison.Ordinal);
        Assert.Empty(resolved.Buttons);
        Assert.Single(await TopLevelAsync(incident, cancellationToken));
    }

    /// <summary>
    /// On checkout: a deploy 25 hours before (too old), then a deploy, a merge and a new Sentry error; on another service a merge.
    /// </summary>
    private async Task ArrangeTimelineAsync(CancellationToken cancellationToken)
    {
        var deploy = Webhooks.Fixture("github/deployment_status/payload.json");
        await host.PostGitHubAsync(deploy, "deployment_status", "old-deploy", PagingHost.WebhookSecret, cancellationToken);
        await UntilAsync("activity checkout", text => text.Contains("deploy", StringComparison.Ordinal), cancellationToken);
        host.Clock.Advance(TimeSpan.FromHours(25));

        var merged = Webhooks.Edited(Webhooks.Fixture("github/pull_request/closed.payload.json"), payload => payload["pull_request"]!["merged"] = true);
        var mergedElsewhere = Webhooks.Edited(merged, payload => payload["repository"]!["full_name"] = "acme/other");
        await host.PostGitHubAsync(deploy, "deployment_status", "new-deploy", PagingHost.WebhookSecret, cancellationToken);
        await host.PostGitHubAsync(merged, "pull_request", "merge", PagingHost.WebhookSecret, cancellationToken);
        await host.PostGitHubAsync(mergedElsewhere, "pull_request", "merge-elsewhere", PagingHost.WebhookSecret, cancellationToken);
        await host.PostSentryAsync(Webhooks.Fixture("sentry/sentry-docs/issue.created.json"), "issue", "sentry-error", PagingHost.WebhookSecret, cancellationToken);
        // The notify consumer records the timeline; the incident's message reads it, so wait until it is there.
        await UntilAsync("activity acme/other", text => text.Contains("merge", StringComparison.Ordinal), cancellationToken);
        await UntilAsync("activity checkout", text => text.Split('\n').Length >= 4, cancellationToken);
    }

    private async Task UntilAsync(string command, Func<string, bool> holds, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var said = (await host.RunAsAdminAsync(command, cancellationToken)).Text ?? "";
            if (holds(said))
            {
                return;
            }

            Assert.True(attempt < 200, $"'{command}' did not come to say what was expected within 20 s; it says:\n{said}");
            await Task.Delay(100, cancellationToken);
        }
    }

    private (string Action, PagerDutyUser? By, string Via) Last(PagerDutyIncident incident)
    {
        var action = host.PagerDuty.State.Actions.Last(a => a.IncidentId == incident.Id);
        return (action.Action, action.By, action.Via);
    }

    /// <summary>The channel's newest message about the incident, once one contains <paramref name="expected"/>.</summary>
    private async Task<PostedMessage> IncidentMessageAsync(PagerDutyIncident incident, string expected, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var found = About(incident, await host.ChannelMessagesAsync("checkout-ops", cancellationToken)).LastOrDefault();
            if (found?.Text.Contains(expected, StringComparison.Ordinal) == true)
            {
                return found;
            }

            Assert.True(attempt < 200, $"No message about incident {incident.Id} said '{expected}' within 20 s; the last said:\n{found?.Text}");
            await Task.Delay(100, cancellationToken);
        }
    }

    private async Task<IReadOnlyList<PostedMessage>> InboxAsync(TestPerson person, CancellationToken cancellationToken)
    {
        using var client = host.ApiClient(person);
        var messages = await client.GetFromJsonAsync<JsonElement>("/api/channels/inbox/messages", cancellationToken);
        return [.. messages.EnumerateArray().Select(PostedMessage.From)];
    }

    private async Task<IReadOnlyList<PostedMessage>> TopLevelAsync(PagerDutyIncident incident, CancellationToken cancellationToken) =>
        [.. About(incident, await host.ChannelMessagesAsync("checkout-ops", cancellationToken)).Where(m => m.ThreadOf is null)];

    private static IEnumerable<PostedMessage> About(PagerDutyIncident incident, IReadOnlyList<JsonElement> messages) =>
        messages.Select(PostedMessage.From).Where(m => m.Text.Contains($"Incident:    {incident.Id}", StringComparison.Ordinal));

    private sealed record PostedMessage(string Text, long? ThreadOf, IReadOnlyList<PostedButton> Buttons)
    {
        public static PostedMessage From(JsonElement message) => new(
            Webhooks.Text(message),
            message.TryGetProperty("threadOf", out var thread) && thread.ValueKind == JsonValueKind.Number ? thread.GetInt64() : null,
            [.. message.GetProperty("reply").GetProperty("blocks").EnumerateArray()
                .Where(b => b.GetProperty("type").GetString() == "buttons")
                .SelectMany(b => b.GetProperty("buttons").EnumerateArray())
                .Select(b => new PostedButton(b.GetProperty("label").GetString()!, b.GetProperty("command").GetString()!, b.GetProperty("idempotencyKey").GetString()!))]);
    }

    private sealed record PostedButton(string Label, string Command, string IdempotencyKey);
}
