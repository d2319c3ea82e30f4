using System.Text.Json;
using Switchboard.Core.Replies;
using Switchboard.Modules.Notify.Notifications;
using Switchboard.Testing;

namespace Switchboard.Modules.Notify.Tests.Notifications;

/// <summary>
/// Custom sources' events, from the examples in <c>CustomEvents/</c> (Switchboard's own format, so the examples
/// are ours, not a vendor's): rendered as approved, and a payload that is not a custom event refused by name.
/// </summary>
public sealed class CustomNotificationsTests
{
    private static readonly string Examples = Path.Combine(AppContext.BaseDirectory, "Notifications", "CustomEvents");

    [Fact]
    public void RendersEveryExampleAsApproved()
    {
        var renderings = Directory.EnumerateFiles(Examples, "*.json").Order(StringComparer.Ordinal)
            .Select(path => ($"CustomEvents/{Path.GetFileName(path)}", (Notification?)CustomNotifications.From("change-control", Fixtures.Parse(File.ReadAllText(path)), null)));

        var transcript = NotificationTranscript.Of(renderings);

        ApprovedFile.AssertMatches(transcript, "Custom");
    }

    [Fact]
    public void AnEventThatNamesNoServiceIsAboutTheSourcesDefaultOne()
    {
        var notification = CustomNotifications.From("CI", Fixtures.Parse("""{"type":"deploy.finished","title":"v2"}"""), "storefront");

        Assert.Equal(("ci", "deploys", "storefront"), (notification.Source, notification.Feature, notification.Scope));
        Assert.Equal("Deployed on storefront: v2", PlainTextRenderer.Render(notification.Message));
    }

    [Fact]
    public void ALongTextIsCutAndTheTitleKeptToOneLine()
    {
        var payload = JsonSerializer.Serialize(new { title = "Disk\nfull", text = new string('x', 1_500) });

        var text = PlainTextRenderer.Render(CustomNotifications.From("ops-tool", Fixtures.Parse(payload), null).Message);

        Assert.Equal($"Notice: Disk full\n{new string('x', 1_000)}…", text);
    }

    [Theory]
    [InlineData("""[{"title":"an array"}]""", "a custom event is a JSON object")]
    [InlineData("""{"type":"alert.triggered","severity":"critical"}""", "title is missing")]
    [InlineData("""{"title":"  "}""", "title is missing")]
    [InlineData("""{"title":42}""", "title is not a string")]
    [InlineData("""{"title":"Disk full","severity":"urgent"}""", "severity 'urgent' is not one of info, warning, error, critical")]
    [InlineData("""{"title":"Disk full","type":"alert.fired"}""", "type 'alert.fired' is not one of alert.triggered, alert.resolved, deploy.finished, change.scheduled, change.approved, change.started, change.completed, change.cancelled, notice")]
    [InlineData("""{"title":"Disk full","links":{"url":"https://example.com"}}""", "links is not an array")]
    [InlineData("""{"title":"Disk full","links":[{"title":"Runbook","url":"/runbooks/disk"}]}""", "links[0].url '/runbooks/disk' is not an absolute http(s) URL")]
    [InlineData("""{"title":"Disk full","links":[{"title":"Runbook"}]}""", "links[0].url is missing")]
    [InlineData("""{"title":"Reboot","type":"change.scheduled","change":{"window":{"start":"tonight"}}}""", "change.window.start 'tonight' is not a time such as 2026-11-26T22:00:00Z")]
    [InlineData("""{"title":"Reboot","type":"change.scheduled","change":"CHG-1"}""", "change is not an object")]
    public void APayloadThatIsNotACustomEventIsRefusedNamingTheField(string payload, string problem)
    {
        var refused = Assert.Throws<JsonException>(() => CustomNotifications.From("change-control", Fixtures.Parse(payload), "checkout"));

        Assert.Equal($"Not a custom event: {problem}.", refused.Message);
    }
}
