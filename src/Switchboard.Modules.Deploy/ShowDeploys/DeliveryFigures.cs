using System.Globalization;
using Switchboard.Core.Deploys;
using Switchboard.Modules.Deploy.Deployments;
using Switchboard.Modules.Deploy.Targets;

namespace Switchboard.Modules.Deploy.ShowDeploys;

/// <summary>
/// One app's weekly figures in production, from its ended deployments: how often it ships, how often a change fails,
/// how long a failure takes to put right, and how long a change takes from request to production.
/// </summary>
/// <remarks>
/// A deploy or promotion is a change; it failed when its deployment failed or when the next deployment to end in
/// production rolled it back. Each figure falls in the ISO week, in the given time zone, in which its change ended.
/// </remarks>
internal static class DeliveryFigures
{
    public const int WeekCount = 8;

    public static IReadOnlyList<DeployWeek> Weekly(IEnumerable<EndedDeployment> ended, DateTimeOffset now, TimeZoneInfo timeZone)
    {
        var ordered = ended.OrderBy(d => d.FinishedAt).ToList();
        var changes = new List<(EndedDeployment Change, bool Failed, TimeSpan? Restored)>();
        for (var i = 0; i < ordered.Count; i++)
        {
            var deployment = ordered[i];
            if (deployment.Action == DeployAction.Rollback)
            {
                continue;
            }

            var rolledBack = i + 1 < ordered.Count && ordered[i + 1].Action == DeployAction.Rollback;
            var failed = deployment.State == DeploymentState.Failed || rolledBack;
            var restoredBy = failed ? ordered.Skip(i + 1).FirstOrDefault(d => d.State == DeploymentState.Succeeded) : null;
            changes.Add((deployment, failed, restoredBy?.FinishedAt - deployment.FinishedAt));
        }

        var thisMonday = MondayOf(now, timeZone);
        return [.. Enumerable.Range(0, WeekCount).Select(back =>
        {
            var monday = thisMonday.AddDays(-7 * (WeekCount - 1 - back));
            var week = changes.Where(c => MondayOf(c.Change.FinishedAt, timeZone) == monday).ToList();
            var deploys = week.Where(c => c.Change.State == DeploymentState.Succeeded).ToList();
            var failures = week.Count(c => c.Failed);
            return new DeployWeek(
                Label: LabelOf(monday),
                Monday: monday,
                Deploys: deploys.Count,
                Attempts: week.Count,
                Failures: failures,
                ChangeFailureRate: week.Count == 0 ? null : (double)failures / week.Count,
                TimeToRestore: Median(week.Where(c => c.Restored is not null).Select(c => c.Restored!.Value)),
                LeadTime: Median(deploys.Select(c => c.Change.FinishedAt - c.Change.RequestedAt)));
        })];
    }

    private static DateOnly MondayOf(DateTimeOffset at, TimeZoneInfo timeZone)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, timeZone).DateTime);
        return day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
    }

    private static string LabelOf(DateOnly monday)
    {
        var date = monday.ToDateTime(TimeOnly.MinValue);
        return string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(date)}-W{ISOWeek.GetWeekOfYear(date):00}");
    }

    private static TimeSpan? Median(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}

/// <summary>What the figures need of a deployment that ended in production.</summary>
internal sealed record EndedDeployment(DeployAction Action, DeploymentState State, DateTimeOffset RequestedAt, DateTimeOffset FinishedAt);
