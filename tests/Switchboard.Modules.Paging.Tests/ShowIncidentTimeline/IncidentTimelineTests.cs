namespace Switchboard.Modules.Paging.Tests.ShowIncidentTimeline;

/// <summary><c>pages timeline</c> tells an incident's story from PagerDuty's log and notes, in order, naming linked people by handle.</summary>
public sealed class IncidentTimelineTests(PagingHost host) : IClassFixture<PagingHost>
{
    private static readonly string[] Story =
    [
        "tl-db: Triggered through the events_api.",
        "@tl-tom: Acknowledged by tl-tom.",
        "@tl-tom: Note: restarted the replica",
        "@tl-tom: Resolved by tl-tom.",
    ];

    [Fact]
    public async Task LogEntriesAndNotesAreInTimeOrderWithWhoDidEachAndAsAPostmortemTable()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (person, user) = await host.AddConnectedPersonAsync("tl-tom", cancellationToken);
        var service = host.PagerDuty.State.AddService("tl-db", host.PagerDuty.State.AddEscalationPolicy("tl-db", [user]));
        var incident = host.PagerDuty.Trigger(service, "Primary | replica lag");
        host.Clock.Advance(TimeSpan.FromMinutes(2));
        await host.RunAsync(person, $"pages ack {incident.Id}", cancellationToken);
        host.Clock.Advance(TimeSpan.FromMinutes(5));
        await host.RunAsync(person, $"pages note {incident.Id} restarted the replica", cancellationToken);
        host.Clock.Advance(TimeSpan.FromMinutes(3));
        await host.RunAsync(person, $"pages resolve {incident.Id}", cancellationToken);

        var timeline = await host.RunAsync(person, $"pages timeline {incident.Number}", cancellationToken);
        var postmortem = await host.RunAsync(person, $"pages timeline {incident.Id} --markdown", cancellationToken);

        Assert.True(timeline.IsSuccess, timeline.Detail);
        var text = timeline.Text ?? "";
        var story = Story.Select(line => text.IndexOf(line, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, story);
        Assert.Equal(story.Order(), story);
        Assert.True(postmortem.IsSuccess, postmortem.Detail);
        Assert.Contains("```markdown", postmortem.Text, StringComparison.Ordinal);
        Assert.Contains($"# Incident #{incident.Number}: Primary \\| replica lag", postmortem.Text, StringComparison.Ordinal);
        Assert.Matches(@"Service:\W*tl-db", postmortem.Text);
        Assert.Contains("| Time (UTC) | Who | What |", postmortem.Text, StringComparison.Ordinal);
        Assert.Contains("| @tl-tom | Note: restarted the replica |", postmortem.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownIncidentIsNotFound()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (person, _) = await host.AddConnectedPersonAsync("tl-una", cancellationToken);

        var unknown = await host.RunAsync(person, "pages timeline PNOSUCH --markdown", cancellationToken);

        Assert.Equal((System.Net.HttpStatusCode.NotFound, "paging.unknown-incident"), (unknown.Status, unknown.Code));
    }
}
