using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Data;
using Switchboard.Modules.Deploy.Deployments;
using Switchboard.Modules.Deploy.FreezeDeploys;

namespace Switchboard.Modules.Deploy.UnfreezeDeploys;

/// <summary><c>unfreeze &lt;env|service&gt;</c>: whoever froze it, or an administrator, lets deploys go again.</summary>
internal sealed class UnfreezeDeploysCommand(FreezeTargets targets, SwitchboardDbContext db) : ICommandHandler<UnfreezeDeploysArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "unfreeze",
        Summary: "End a freeze of deploys to an environment or of a service's apps: whoever froze it, or an administrator.",
        Permission: DeployPermissions.Freeze,
        Examples: ["unfreeze production"]);

    public async Task<CommandResult> HandleAsync(UnfreezeDeploysArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        if (await targets.FindAsync(arguments.Target, cancellationToken) is not { } found)
        {
            return DeployErrors.UnknownFreezeTarget(arguments.Target);
        }

        var (scope, name) = found;

        if (await db.Set<DeployFreeze>().SingleOrDefaultAsync(f => f.Scope == scope && f.Name == name, cancellationToken) is not { } freeze)
        {
            return DeployErrors.NotFrozen(name);
        }

        if (freeze.FrozenById != actor.PersonId && !actor.IsAdmin)
        {
            return DeployErrors.FreezeNotYours(name, freeze.FrozenByHandle);
        }

        db.Remove(freeze);
        await db.SaveChangesAsync(cancellationToken);
        return Reply.Text($"Deploys to {scope.ToString().ToLowerInvariant()} {name} may go again.", Severity.Success);
    }
}

internal sealed record UnfreezeDeploysArguments(
    [Argument("the environment or service that is frozen", MaxLength = 64)] string Target);
