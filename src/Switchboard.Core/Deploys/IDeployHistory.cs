using Switchboard.Core.Errors;

namespace Switchboard.Core.Deploys;

/// <summary>
/// What the console's deploys page shows: deployments under way, the latest ones, and each app's weekly
/// delivery figures. Implemented by the Deploy module, read by the console, so neither knows the other.
/// </summary>
public interface IDeployHistory
{
    /// <summary>
    /// The deploys of one app and environment, or of all when null; an unknown app or environment is an error.
    /// Weeks are ISO weeks in <paramref name="timeZone"/>.
    /// </summary>
    Task<(DeployOverview? Overview, Error? Error)> ReadAsync(string? app, string? environment, TimeZoneInfo timeZone, CancellationToken cancellationToken);
}

/// <param name="Running">Queued or running now, oldest first.</param>
/// <param name="Latest">Ended, newest first, at most a page of them.</param>
/// <param name="Apps">Each app's last weeks in production, for the charts.</param>
/// <param name="KnownApps">Every configured app, for the filters.</param>
/// <param name="KnownEnvironments">Every configured environment name, for the filters.</param>
public sealed record DeployOverview(
    IReadOnlyList<DeployRow> Running,
    IReadOnlyList<DeployRow> Latest,
    IReadOnlyList<AppDeployWeeks> Apps,
    IReadOnlyList<string> KnownApps,
    IReadOnlyList<string> KnownEnvironments);

/// <param name="Description">What was asked, as a person reads it: <c>api@main to staging</c>.</param>
/// <param name="Outcome">Where it stands: <c>running (Migrating)</c>, <c>succeeded (v42)</c>, <c>failed: ...</c>.</param>
public sealed record DeployRow(
    long Id,
    string App,
    string Environment,
    string Description,
    string Requester,
    string Outcome,
    bool Failed,
    DateTimeOffset RequestedAt,
    DateTimeOffset? FinishedAt);

/// <param name="Production">The environment counted as production: the last stage of the app's pipeline.</param>
/// <param name="Weeks">Oldest first, ending with the current week.</param>
/// <param name="LeadTimeFromMerge">False while lead time is measured from the request instead of from the merge.</param>
public sealed record AppDeployWeeks(string App, string Production, IReadOnlyList<DeployWeek> Weeks, bool LeadTimeFromMerge);

/// <param name="Label">The ISO week, <c>2026-W48</c>.</param>
/// <param name="Deploys">Successful production deploys.</param>
/// <param name="Attempts">Every production deploy that ended, successful or not.</param>
/// <param name="Failures">Production deploys that failed or were rolled back.</param>
/// <param name="ChangeFailureRate">Failures / attempts, null without attempts.</param>
/// <param name="TimeToRestore">Median time from a failed production deploy to the next successful one, null without restores.</param>
/// <param name="LeadTime">Median lead time of the week's successful production deploys, null without any.</param>
public sealed record DeployWeek(
    string Label,
    DateOnly Monday,
    int Deploys,
    int Attempts,
    int Failures,
    double? ChangeFailureRate,
    TimeSpan? TimeToRestore,
    TimeSpan? LeadTime);
