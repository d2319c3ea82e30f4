using Microsoft.Extensions.Time.Testing;
using Switchboard.Modules.Deploy.Deployments;
using Switchboard.Modules.Deploy.ShowDeploys;
using Switchboard.Modules.Deploy.Targets;

namespace Switchboard.Modules.Deploy.Tests.ShowDeploys;

/// <summary>The weekly production figures from deployments at known times; the clock reads Thursday of ISO week 2026-W48.</summary>
public sealed class DeliveryFiguresTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void CountsDeploysFailuresRestoresAndLeadTimesPerIsoWeek()
    {
        var ended = new[]
        {
            Ended(DeployAction.Deploy, DeploymentState.Succeeded, "2026-11-23T10:00Z", "2026-11-23T10:20Z"),
            Ended(DeployAction.Deploy, DeploymentState.Failed, "2026-11-24T09:00Z", "2026-11-24T09:10Z"),
            Ended(DeployAction.Promote, DeploymentState.Succeeded, "2026-11-24T09:30Z", "2026-11-24T10:10Z"),
            Ended(DeployAction.Deploy, DeploymentState.Succeeded, "2026-11-18T12:00Z", "2026-11-18T12:30Z"),
            Ended(DeployAction.Rollback, DeploymentState.Succeeded, "2026-11-18T13:00Z", "2026-11-18T13:05Z"),
            Ended(DeployAction.Deploy, DeploymentState.Succeeded, "2026-09-15T12:00Z", "2026-09-15T12:30Z"),
        };

        var weeks = DeliveryFigures.Weekly(ended, _clock.GetUtcNow(), TimeZoneInfo.Utc);

        Assert.Equal(["2026-W41", "2026-W42", "2026-W43", "2026-W44", "2026-W45", "2026-W46", "2026-W47", "2026-W48"], weeks.Select(w => w.Label));
        Assert.Equal(new DateOnly(2026, 11, 23), weeks[^1].Monday);
        var thisWeek = weeks[^1];
        Assert.Equal((2, 3, 1), (thisWeek.Deploys, thisWeek.Attempts, thisWeek.Failures));
        Assert.Equal(1.0 / 3, thisWeek.ChangeFailureRate);
        Assert.Equal(TimeSpan.FromMinutes(60), thisWeek.TimeToRestore);
        Assert.Equal(TimeSpan.FromMinutes(30), thisWeek.LeadTime);
        var lastWeek = weeks[^2];
        Assert.Equal((1, 1, 1), (lastWeek.Deploys, lastWeek.Attempts, lastWeek.Failures));
        Assert.Equal(1.0, lastWeek.ChangeFailureRate);
        Assert.Equal(TimeSpan.FromMinutes(35), lastWeek.TimeToRestore);
        Assert.All(weeks.Take(6), w => Assert.Equal((0, 0, null, null, null), (w.Deploys, w.Attempts, w.ChangeFailureRate, w.TimeToRestore, w.LeadTime)));
    }

    [Fact]
    public void AFailureNotYetPutRightHasNoTimeToRestore()
    {
        var ended = new[] { Ended(DeployAction.Deploy, DeploymentState.Failed, "2026-11-25T09:00Z", "2026-11-25T09:05Z") };

        var thisWeek = DeliveryFigures.Weekly(ended, _clock.GetUtcNow(), TimeZoneInfo.Utc)[^1];

        Assert.Equal((0, 1, 1, 1.0), (thisWeek.Deploys, thisWeek.Attempts, thisWeek.Failures, thisWeek.ChangeFailureRate));
        Assert.Null(thisWeek.TimeToRestore);
        Assert.Null(thisWeek.LeadTime);
    }

    [Fact]
    public void WeeksBeginOnMondayInTheTimeZoneGiven()
    {
        // Sunday 23:30 in UTC is Monday 00:30 in Berlin: last week in one, this week in the other.
        var ended = new[] { Ended(DeployAction.Deploy, DeploymentState.Succeeded, "2026-11-22T23:00Z", "2026-11-22T23:30Z") };

        var inUtc = DeliveryFigures.Weekly(ended, _clock.GetUtcNow(), TimeZoneInfo.Utc);
        var inBerlin = DeliveryFigures.Weekly(ended, _clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));

        Assert.Equal((1, 0), (inUtc[^2].Deploys, inUtc[^1].Deploys));
        Assert.Equal((0, 1), (inBerlin[^2].Deploys, inBerlin[^1].Deploys));
    }

    private static EndedDeployment Ended(DeployAction action, DeploymentState state, string requestedAt, string finishedAt) =>
        new(action, state, DateTimeOffset.Parse(requestedAt, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse(finishedAt, System.Globalization.CultureInfo.InvariantCulture));
}
