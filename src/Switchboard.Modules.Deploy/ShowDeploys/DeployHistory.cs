using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Core.Deploys;
using Switchboard.Core.Errors;
using Switchboard.Data;
using Switchboard.Modules.Deploy.Deployments;
using Switchboard.Modules.Deploy.RunDeployment;

namespace Switchboard.Modules.Deploy.ShowDeploys;

/// <summary>The console's deploys page: what runs now, the latest deployments, and each app's weeks in production.</summary>
internal sealed class DeployHistory(SwitchboardDbContext db, IOptions<DeployOptions> options, TimeProvider clock) : IDeployHistory
{
    private const int LatestLength = 50;

    public async Task<(DeployOverview? Overview, Error? Error)> ReadAsync(
        string? app, string? environment, TimeZoneInfo timeZone, CancellationToken cancellationToken)
    {
        var apps = options.Value.Apps;
        var environments = apps.Values.SelectMany(a => a.Environments.Keys).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        if (app is not null)
        {
            if (options.Value.FindApp(app) is not { } found)
            {
                return (null, DeployErrors.UnknownApp(app, apps.Keys));
            }

            app = found.Name;
        }

        if (environment is not null)
        {
            var known = app is null ? environments : [.. apps[app].Environments.Keys];
            if (known.FirstOrDefault(k => string.Equals(k, environment, StringComparison.OrdinalIgnoreCase)) is not { } configured)
            {
                return (null, app is null ? DeployErrors.UnknownEnvironmentOfAnyApp(environment, known) : DeployErrors.UnknownEnvironment(app, environment, known));
            }

            environment = configured;
        }

        var query = db.Set<Deployment>().AsNoTracking()
            .Where(d => (app == null || d.App == app) && (environment == null || d.Environment == environment));
        var running = await query.Where(d => d.ActiveKey != null).OrderBy(d => d.Id).ToListAsync(cancellationToken);
        var latest = await query.Where(d => d.ActiveKey == null).OrderByDescending(d => d.Id).Take(LatestLength).ToListAsync(cancellationToken);

        var charted = new List<AppDeployWeeks>();
        var now = clock.GetUtcNow();
        var since = now.AddDays(-7 * (DeliveryFigures.WeekCount + 1));
        foreach (var name in apps.Keys.Where(n => app is null || n == app).Order(StringComparer.Ordinal))
        {
            if (ProductionOf(apps[name]) is not { } production)
            {
                continue;
            }

            var ended = await db.Set<Deployment>().AsNoTracking()
                .Where(d => d.App == name && d.Environment == production && d.FinishedAt != null && d.RequestedAt >= since)
                .Select(d => new EndedDeployment(d.Action, d.State, d.RequestedAt, d.FinishedAt!.Value))
                .ToListAsync(cancellationToken);
            charted.Add(new AppDeployWeeks(name, production, DeliveryFigures.Weekly(ended, now, timeZone), LeadTimeFromMerge: false));
        }

        return (new DeployOverview(
            [.. running.Select(Row)],
            [.. latest.Select(Row)],
            charted,
            [.. apps.Keys.Order(StringComparer.Ordinal)],
            environments), null);
    }

    /// <summary>The last stage of the app's pipeline, or its environment called production when it has none.</summary>
    private static string? ProductionOf(AppOptions app) => app.Pipeline.LastOrDefault() ?? app.FindEnvironment("production")?.Name;

    private static DeployRow Row(Deployment deployment) => new(
        deployment.Id,
        deployment.App,
        deployment.Environment,
        deployment.Describe(),
        deployment.RequesterHandle,
        DeploymentMessages.Outcome(deployment) + (deployment.ActiveKey is not null && deployment.Step is { } step ? $" ({step})" : ""),
        deployment.State == DeploymentState.Failed,
        deployment.RequestedAt,
        deployment.FinishedAt);
}
