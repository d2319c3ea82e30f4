using Switchboard.Core.Replies;
using Switchboard.Modules.Notify.Notifications;
using Switchboard.Testing;

namespace Switchboard.Modules.Notify.Tests.Notifications;

public sealed class RollbarNotificationsTests
{
    [Fact]
    public void RendersEveryFixtureAsApproved()
    {
        var renderings = Fixtures.Of("rollbar").Select(f => (f, RollbarNotifications.From(Fixtures.Read(f))));

        var transcript = NotificationTranscript.Of(renderings);

        ApprovedFile.AssertMatches(transcript, "Rollbar");
    }

    [Fact]
    public void APayloadMissingWhatItNeedsGetsAGenericMessage()
    {
        var notification = RollbarNotifications.From(Fixtures.Parse("""{"event_name":"new_item","data":{"item":{}}}"""))!;

        Assert.Equal("Rollbar `new_item` event", PlainTextRenderer.Render(notification.Message));
    }
}
