using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Data;
using Switchboard.Modules.Deploy.Deployments;

namespace Switchboard.Modules.Deploy.ListLocks;

/// <summary><c>locks</c>: who holds which app's environment, and what is frozen.</summary>
internal sealed class ListLocksCommand(SwitchboardDbContext db, TimeProvider clock) : ICommandHandler<NoArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "locks",
        Summary: "List who holds which app's environment, and the environments and services frozen for deploys.",
        Permission: DeployPermissions.Read,
        Examples: ["locks"])
    {
        IsReadOnly = true,
    };

    public async Task<CommandResult> HandleAsync(NoArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var locks = await db.Set<DeployLock>().AsNoTracking().OrderBy(l => l.App).ThenBy(l => l.Environment).ToListAsync(cancellationToken);
        var freezes = (await db.Set<DeployFreeze>().AsNoTracking().OrderBy(f => f.Name).ToListAsync(cancellationToken))
            .Where(f => f.IsInForceAt(now))
            .ToList();
        if (locks.Count == 0 && freezes.Count == 0)
        {
            return Reply.Text("No environment is locked or frozen.");
        }

        var reply = Reply.Build();
        foreach (var held in locks)
        {
            reply.Line($"Locked: {held.App} in {held.Environment} by @{held.HolderHandle} since {DeployErrors.Time(held.LockedAt)}{(held.Reason is null ? "" : $" ({held.Reason})")}");
        }

        foreach (var freeze in freezes)
        {
            reply.Line($"Frozen: {freeze.Scope.ToString().ToLowerInvariant()} {freeze.Name} by @{freeze.FrozenByHandle}"
                + (freeze.Until is { } until ? $" until {DeployErrors.Time(until)}" : "")
                + (freeze.Reason is null ? "" : $" ({freeze.Reason})"));
        }

        return reply.ToReply();
    }
}
