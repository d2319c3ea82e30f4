using Switchboard.Core.Replies;
using Switchboard.Modules.Notify.Notifications;
using Switchboard.Testing;

namespace Switchboard.Modules.Notify.Tests.Notifications;

public sealed class SentryNotificationsTests
{
    [Fact]
    public void RendersEveryFixtureAsApproved()
    {
        var renderings = Fixtures.Of("sentry").Select(f => (f, SentryNotifications.From(Resource(f), Fixtures.Read(f))));

        var transcript = NotificationTranscript.Of(renderings);

        ApprovedFile.AssertMatches(transcript, "Sentry");
    }

    [Fact]
    public void APayloadMissingWhatItNeedsGetsAGenericMessage()
    {
        var notification = SentryNotifications.From("issue", Fixtures.Parse("""{"action":"created","data":{}}"""))!;

        Assert.Equal("Sentry `issue` event (created)", PlainTextRenderer.Render(notification.Message));
        Assert.Equal("issues", notification.Feature);
    }

    [Fact]
    public void AnEventAlertsEnvironmentIsReadFromItsTagsWhenTheEventDoesNotSayItDirectly()
    {
        var payload = Fixtures.Read("sentry/sentry-docs/event_alert.triggered.json", alert =>
            alert["data"]!["event"]!["tags"]!.AsArray().Add(new System.Text.Json.Nodes.JsonArray("environment", "production")));

        var notification = SentryNotifications.From("event_alert", payload)!;

        Assert.Equal("production", notification.Facts.Environment);
    }

    // The fixtures are named <Sentry-Hook-Resource>.<action>.json.
    private static string Resource(string fixture)
    {
        var file = Path.GetFileName(fixture);
        return file[..file.IndexOf('.', StringComparison.Ordinal)];
    }
}
