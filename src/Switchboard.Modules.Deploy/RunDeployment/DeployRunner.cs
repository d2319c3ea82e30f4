using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchboard.Core.Catalog;
using Switchboard.Core.Errors;
using Switchboard.Data;
using Switchboard.Modules.Deploy.Deployments;
using Switchboard.Modules.Deploy.Targets;

namespace Switchboard.Modules.Deploy.RunDeployment;

/// <summary>
/// Runs each accepted deployment in the background of the process that accepted it, so it outlives the request
/// that asked for it: several at once, one per app and environment (the database holds that rule). Stopping the
/// server stops the targets it runs, and their deployments end failed.
/// </summary>
internal sealed class DeployRunner(IServiceScopeFactory scopes, ILogger<DeployRunner> logger) : BackgroundService
{
    private readonly Channel<long> _accepted = Channel.CreateUnbounded<long>();
    private readonly ConcurrentDictionary<long, Task> _running = new();

    /// <summary>Takes a deployment whose row is committed as <see cref="DeploymentState.Queued"/>.</summary>
    public void Run(long deploymentId) => _accepted.Writer.TryWrite(deploymentId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var id in _accepted.Reader.ReadAllAsync(stoppingToken))
            {
                var run = Task.Run(() => RunAsync(id, stoppingToken), CancellationToken.None);
                _running[id] = run;
                _ = run.ContinueWith(_ => _running.TryRemove(id, out var _), TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await Task.WhenAll(_running.Values);
        }
    }

    private async Task RunAsync(long id, CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<SwitchboardDbContext>();
        var clock = services.GetRequiredService<TimeProvider>();
        var messages = services.GetRequiredService<DeploymentMessages>();
        var deployment = await db.Set<Deployment>().SingleAsync(d => d.Id == id, CancellationToken.None);
        var channel = (await services.GetRequiredService<IServiceCatalog>().FindAsync(deployment.Service, CancellationToken.None))?.Channel;
        var progress = new DeploymentProgress(db, messages, clock, deployment, channel);
        DeployOutcome outcome;
        try
        {
            deployment.State = DeploymentState.Running;
            deployment.StartedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(CancellationToken.None);
            logger.DeploymentStarted(deployment.Id, deployment.App, deployment.Environment, deployment.Target);
            await messages.ShowAsync(deployment, channel, progress.Steps, CancellationToken.None);
            outcome = TargetFor(services, deployment) is { } target
                ? await target.RunAsync(JobOf(services, deployment), progress, stoppingToken)
                : new DeployOutcome(DeployErrors.TargetUnavailable(deployment.Target), null, null);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            outcome = new DeployOutcome(Error.Unavailable("deploy.server-stopped", "Switchboard stopped while it ran; check the environment, then deploy again."), null, null);
        }
        catch (Exception exception)
        {
            logger.DeploymentCrashed(deployment.Id, exception);
            outcome = new DeployOutcome(Error.Unavailable("deploy.crashed", "The deployment broke off unexpectedly; check the environment, and the server's log for its cause."), null, null);
        }

        await progress.FlushAsync(CancellationToken.None);
        deployment.State = outcome.Succeeded ? DeploymentState.Succeeded : DeploymentState.Failed;
        deployment.FinishedAt = clock.GetUtcNow();
        deployment.ActiveKey = null;
        deployment.Version = outcome.Version;
        deployment.Url = outcome.Url?.AbsoluteUri;
        deployment.ErrorCode = outcome.Error?.Code;
        deployment.ErrorDetail = outcome.Error?.Detail;
        await services.GetRequiredService<IServiceTimeline>().RecordAsync(
            new TimelineEntry(
                deployment.Service,
                TimelineKind.Deploy,
                deployment.FinishedAt.Value,
                $"{DeploymentMessages.Title(deployment)}: {deployment.Describe()} {DeploymentMessages.Outcome(deployment)}",
                outcome.Url,
                "deploy",
                DeploymentMessages.Title(deployment),
                deployment.Environment,
                AlertKey: null,
                "@" + deployment.RequesterHandle),
            CancellationToken.None);
        await db.SaveChangesAsync(CancellationToken.None);
        logger.DeploymentEnded(deployment.Id, deployment.State.ToString());
        await messages.FinishedAsync(deployment, channel, progress.Steps, CancellationToken.None);
    }

    private static IDeployTarget? TargetFor(IServiceProvider services, Deployment deployment) =>
        services.GetServices<IDeployTarget>().FirstOrDefault(t => string.Equals(t.Name, deployment.Target, StringComparison.OrdinalIgnoreCase));

    private static DeployJob JobOf(IServiceProvider services, Deployment deployment) => new(
        deployment.Id,
        deployment.App,
        deployment.Environment,
        deployment.Action,
        deployment.Ref,
        deployment.FromEnvironment,
        deployment.Release,
        deployment.RequesterId,
        deployment.RequesterHandle,
        services.GetRequiredService<IConfiguration>().GetSection($"{DeployOptions.SectionName}:Apps:{deployment.App}:Environments:{deployment.Environment}"));
}
