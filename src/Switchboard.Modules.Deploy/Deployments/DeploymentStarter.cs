using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Commands;
using Switchboard.Core.Errors;
using Switchboard.Data;
using Switchboard.Modules.Deploy.RunDeployment;
using Switchboard.Modules.Deploy.Targets;

namespace Switchboard.Modules.Deploy.Deployments;

/// <summary>
/// Records an accepted deployment and hands it to the runner. The row's unique active key is what lets exactly one
/// deployment per app and environment be under way, whichever server process two requests reach at the same moment.
/// </summary>
internal sealed class DeploymentStarter(SwitchboardDbContext db, DeployRunner runner, TimeProvider clock)
{
    public async Task<(Deployment? Deployment, Error? Error)> StartAsync(
        EnvironmentRules rules, DeployAction action, string? reference, string? fromEnvironment, string? release, bool forced, Actor actor, CancellationToken cancellationToken)
    {
        var key = Deployment.ActiveKeyOf(rules.App, rules.Environment);
        if (await db.Set<Deployment>().AnyAsync(d => d.ActiveKey == key, cancellationToken))
        {
            return (null, DeployErrors.AlreadyRunning(rules.App, rules.Environment));
        }

        var deployment = new Deployment
        {
            App = rules.App,
            Environment = rules.Environment,
            Action = action,
            Ref = reference,
            FromEnvironment = fromEnvironment,
            Release = release,
            Target = rules.Options.Target.ToLowerInvariant(),
            Service = rules.Service.Name,
            RequesterId = actor.PersonId,
            RequesterHandle = actor.Person.Handle,
            Forced = forced,
            State = DeploymentState.Queued,
            ActiveKey = key,
            RequestedAt = clock.GetUtcNow(),
        };
        db.Add(deployment);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.Entry(deployment).State = EntityState.Detached;
            if (await db.Set<Deployment>().AsNoTracking().AnyAsync(d => d.ActiveKey == key, cancellationToken))
            {
                return (null, DeployErrors.AlreadyRunning(rules.App, rules.Environment));
            }

            throw;
        }

        runner.Run(deployment.Id);
        return (deployment, null);
    }
}
