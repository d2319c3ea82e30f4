using Switchboard.Core.Replies;
using Switchboard.Modules.Notify.Notifications;
using Switchboard.Testing;

namespace Switchboard.Modules.Notify.Tests.Notifications;

public sealed class LibratoNotificationsTests
{
    [Fact]
    public void RendersEveryFixtureAsApproved()
    {
        var renderings = Fixtures.Of("librato").Select(f => (f, (Notification?)LibratoNotifications.From(Fixtures.Read(f))));

        var transcript = NotificationTranscript.Of(renderings);

        ApprovedFile.AssertMatches(transcript, "Librato");
    }

    [Fact]
    public void APayloadMissingWhatItNeedsGetsAGenericMessage()
    {
        var notification = LibratoNotifications.From(Fixtures.Parse("""{"trigger_time":1460466704}"""));

        Assert.Equal("Librato alert", PlainTextRenderer.Render(notification.Message));
        Assert.Equal("", notification.Scope);
    }
}
