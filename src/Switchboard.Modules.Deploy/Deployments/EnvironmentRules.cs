using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Core.Catalog;
using Switchboard.Core.Commands;
using Switchboard.Core.Errors;
using Switchboard.Data;
using Switchboard.Modules.Deploy.ContinuousIntegration;

namespace Switchboard.Modules.Deploy.Deployments;

/// <summary>An app's environment as configured, with the catalog service that owns the app.</summary>
/// <param name="App">The app's name as configured.</param>
/// <param name="Environment">The environment's name as configured.</param>
internal sealed record EnvironmentRules(string App, string Environment, AppOptions AppOptions, EnvironmentOptions Options, CatalogEntry Service)
{
    public Permission StartPermission => DeployPermissions.Start.In(Service.Team);

    public ApprovalRequirement? Approval => Options.Approval is { } role ? new ApprovalRequirement(role.Trim().ToLowerInvariant(), Service.Team) : null;
}

/// <summary>
/// Finds an app's environment and decides, read-only, whether a deploy there may go ahead now: the checks that
/// refuse a doomed deploy before anyone is asked for a second factor or an approval.
/// </summary>
internal sealed class DeployRules(
    IOptions<DeployOptions> options,
    IServiceCatalog catalog,
    IServiceTimeline timeline,
    SwitchboardDbContext db,
    CiGate ci,
    TimeProvider clock)
{
    public async Task<(EnvironmentRules? Rules, Error? Error)> ResolveAsync(string app, string environment, CancellationToken cancellationToken)
    {
        if (options.Value.FindApp(app) is not { } foundApp)
        {
            return (null, DeployErrors.UnknownApp(app, options.Value.Apps.Keys));
        }

        var (appName, appOptions) = foundApp;

        if (appOptions.FindEnvironment(environment) is not { } foundEnvironment)
        {
            return (null, DeployErrors.UnknownEnvironment(appName, environment, appOptions.Environments.Keys));
        }

        var (environmentName, environmentOptions) = foundEnvironment;

        return await catalog.FindAsync(appOptions.Service, cancellationToken) is { } service
            ? (new EnvironmentRules(appName, environmentName, appOptions, environmentOptions, service), null)
            : (null, DeployErrors.UnknownService(appName, appOptions.Service));
    }

    /// <summary>Why a deploy by <paramref name="actor"/> may not go ahead now, or null.</summary>
    /// <param name="ciRef">The ref whose CI must be green; null when nothing new is built (a rollback).</param>
    /// <param name="checkAlerts">False for a rollback, which an open alert calls for rather than forbids.</param>
    public async Task<Error?> RefusalAsync(
        EnvironmentRules rules, Actor actor, string? ciRef, bool force, bool checkAlerts, CancellationToken cancellationToken)
    {
        var deployLock = await db.Set<DeployLock>().AsNoTracking()
            .SingleOrDefaultAsync(l => l.App == rules.App && l.Environment == rules.Environment, cancellationToken);
        if (deployLock is not null && deployLock.HolderId != actor.PersonId)
        {
            return DeployErrors.LockedByOther(rules.App, rules.Environment, deployLock.HolderHandle, deployLock.Reason, deployLock.LockedAt);
        }

        var now = clock.GetUtcNow();
        var freezes = await db.Set<DeployFreeze>().AsNoTracking()
            .Where(f => (f.Scope == DeployFreezeScope.Environment && f.Name == rules.Environment)
                || (f.Scope == DeployFreezeScope.Service && f.Name == rules.Service.Name))
            .ToListAsync(cancellationToken);
        if (freezes.FirstOrDefault(f => f.IsInForceAt(now)) is { } freeze)
        {
            var what = freeze.Scope == DeployFreezeScope.Environment ? $"environment {freeze.Name}" : $"service {freeze.Name}";
            return DeployErrors.Frozen(what, freeze.FrozenByHandle, freeze.Reason, freeze.Until);
        }

        if (checkAlerts && await timeline.OpenAlertsAsync(rules.Service.Name, cancellationToken) is [var alert, ..])
        {
            return DeployErrors.AlertOpen(rules.Service.Name, alert.Title);
        }

        if (rules.Options.Window is { } window && !window.Contains(now))
        {
            return DeployErrors.OutsideWindow(rules.Environment, window.Describe());
        }

        if (ciRef is null || force || rules.Options.RequiredContexts.Count == 0)
        {
            return null;
        }

        return await ci.RefusalAsync(rules.AppOptions.Repository!, ciRef, rules.Options.RequiredContexts, actor.PersonId, cancellationToken);
    }
}
