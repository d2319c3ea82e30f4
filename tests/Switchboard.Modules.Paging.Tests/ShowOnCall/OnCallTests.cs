using System.Globalization;
using System.Net;
using Switchboard.Emulators.PagerDuty;

namespace Switchboard.Modules.Paging.Tests.ShowOnCall;

/// <summary>
/// <c>oncall</c> names who is on call now and next from PagerDuty's on-call shifts for the moment: a schedule's later
/// layer wins over an earlier one, and an override over both.
/// </summary>
public sealed class OnCallTests(PagingHost host) : IClassFixture<PagingHost>
{
    [Fact]
    public async Task ASchedulesOverrideAndLaterLayerDecideWhoIsOnCallNowAndNext()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (person, dana) = await host.AddConnectedPersonAsync("oc-dana", cancellationToken);
        var state = host.PagerDuty.State;
        var midnight = new DateTimeOffset(host.Clock.GetUtcNow().UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
        var ann = state.AddUser("ann@example.com", "Ann Daily");
        var ben = state.AddUser("ben@example.com", "Ben Daily");
        var carl = state.AddUser("carl@example.com", "Carl Days");
        var rota = state.AddSchedule(
            "oc-rota",
            new PagerDutyScheduleLayer("Daily", midnight.AddDays(-7), midnight, TimeSpan.FromDays(1), [ann, ben]),
            new PagerDutyScheduleLayer("Day shift", midnight.AddHours(6), midnight.AddHours(6), TimeSpan.FromDays(1), [carl]) { End = midnight.AddHours(14) });
        state.AddOverride(rota, midnight.AddHours(8), midnight.AddHours(11), dana);
        var service = state.AddService("oc-api", state.AddScheduledEscalationPolicy("oc-primary", rota));
        await host.RunAsAdminAsync("team create oc-team", cancellationToken);
        await host.RunAsAdminAsync("team add oc-team @oc-dana", cancellationToken);
        await host.RunAsAdminAsync($"service create oc-api --team oc-team --pagerduty {service.Id}", cancellationToken);
        host.Clock.SetUtcNow(midnight.AddHours(9));

        var bySchedule = await host.RunAsync(person, "oncall oc-rota", cancellationToken);
        var byTeam = await host.RunAsync(person, "oncall oc-team", cancellationToken);
        var mine = await host.RunAsync(person, "oncall", cancellationToken);

        var duringOverride = $"oc-primary level 1 (oc-rota): now @oc-dana until {At(midnight.AddHours(11))}; next Carl Days from {At(midnight.AddHours(11))} until {At(midnight.AddHours(14))}";
        Assert.True(bySchedule.IsSuccess, bySchedule.Detail);
        Assert.Contains("On call for schedule oc-rota:", bySchedule.Text, StringComparison.Ordinal);
        Assert.Contains(duringOverride, bySchedule.Text, StringComparison.Ordinal);
        Assert.True(byTeam.IsSuccess, byTeam.Detail);
        Assert.Contains(duringOverride, byTeam.Text, StringComparison.Ordinal);
        Assert.True(mine.IsSuccess, mine.Detail);
        Assert.Contains("On call for your teams:", mine.Text, StringComparison.Ordinal);
        Assert.Contains(duringOverride, mine.Text, StringComparison.Ordinal);

        host.Clock.SetUtcNow(midnight.AddHours(12));
        var afterOverride = await host.RunAsync(person, "oncall oc-rota", cancellationToken);

        Assert.True(afterOverride.IsSuccess, afterOverride.Detail);
        Assert.Contains(
            $"now Carl Days until {At(midnight.AddHours(14))}; next Ann Daily from {At(midnight.AddHours(14))} until {At(midnight.AddDays(1))}",
            afterOverride.Text,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task SomethingThatIsNeitherTeamServiceNorScheduleIsNotFound()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (person, _) = await host.AddConnectedPersonAsync("oc-nina", cancellationToken);

        var unknown = await host.RunAsync(person, "oncall no-such-rota", cancellationToken);

        Assert.Equal((HttpStatusCode.NotFound, "paging.unknown-oncall-target"), (unknown.Status, unknown.Code));
    }

    private static string At(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);
}
