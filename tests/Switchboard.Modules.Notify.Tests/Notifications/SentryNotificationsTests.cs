using Switchboard.Core.Replies;
using Switchboard.Modules.Notify.Notifications;

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

    // The fixtures are named <Sentry-Hook-Resource>.<action>.json.
    private static string Resource(string fixture)
    {
        var file = Path.GetFileName(fixture);
        return file[..file.IndexOf('.', StringComparison.Ordinal)];
    }
}
