using Switchboard.Core.Replies;
using Switchboard.Modules.Notify.Notifications;
using Switchboard.Testing;

namespace Switchboard.Modules.Notify.Tests.Notifications;

public sealed class PagerDutyNotificationsTests
{
    [Fact]
    public void RendersEveryFixtureAsApproved()
    {
        var renderings = Fixtures.Of("pagerduty").Select(f => (f, PagerDutyNotifications.From(Fixtures.Read(f))));

        var transcript = NotificationTranscript.Of(renderings);

        ApprovedFile.AssertMatches(transcript, "PagerDuty");
    }

    [Theory]
    [InlineData("incident.triggered", Severity.Error)]
    [InlineData("incident.escalated", Severity.Error)]
    [InlineData("incident.acknowledged", Severity.Info)]
    [InlineData("incident.resolved", Severity.Success)]
    public void AnIncidentsSeverityFollowsWhatHappenedToIt(string eventType, Severity severity)
    {
        var payload = Fixtures.Read("pagerduty/zulip/triggered_v3.json", e => e["event"]!["event_type"] = eventType);

        var notification = PagerDutyNotifications.From(payload)!;

        Assert.Equal(severity, notification.Message.Severity);
        Assert.Equal("PFQZPSY", notification.ThreadKey);
    }

    [Fact]
    public void APayloadMissingWhatItNeedsGetsAGenericMessage()
    {
        var payload = Fixtures.Parse("""{"event":{"event_type":"incident.triggered","data":{"service":{"id":"PA2P440"}}}}""");

        var notification = PagerDutyNotifications.From(payload)!;

        Assert.Equal("PagerDuty `incident.triggered` event", PlainTextRenderer.Render(notification.Message));
        Assert.Equal("PA2P440", notification.Scope);
    }
}
