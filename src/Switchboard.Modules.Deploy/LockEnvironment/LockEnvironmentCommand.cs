using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Commands;
using Switchboard.Core.Errors;
using Switchboard.Core.Replies;
using Switchboard.Data;
using Switchboard.Modules.Deploy.Deployments;

namespace Switchboard.Modules.Deploy.LockEnvironment;

/// <summary><c>lock &lt;app&gt; &lt;env&gt; [reason]</c>: hold an app's environment, so nobody else deploys there until you unlock it.</summary>
internal sealed class LockEnvironmentCommand(DeployRules deployRules, SwitchboardDbContext db, TimeProvider clock)
    : ICommandHandler<LockEnvironmentArguments>, ICommandPreflight<LockEnvironmentArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "lock",
        Summary: "Hold an app's environment so that nobody else deploys there until you unlock it.",
        Permission: DeployPolicies.Permission<LockEnvironmentArguments>(DeployPermissions.Lock),
        Examples: ["lock api staging testing the new queue"]);

    public async Task<Error?> PreflightAsync(LockEnvironmentArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var (rules, error) = await deployRules.ResolveAsync(arguments.App, arguments.Environment, cancellationToken);
        arguments.Rules = rules;
        return error;
    }

    public async Task<CommandResult> HandleAsync(LockEnvironmentArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var rules = arguments.Rules!;
        var held = await db.Set<DeployLock>().SingleOrDefaultAsync(l => l.App == rules.App && l.Environment == rules.Environment, cancellationToken);
        if (held is not null && held.HolderId != actor.PersonId)
        {
            return DeployErrors.LockedByOther(rules.App, rules.Environment, held.HolderHandle, held.Reason, held.LockedAt);
        }

        if (held is not null)
        {
            db.Remove(held);
        }

        db.Add(new DeployLock
        {
            App = rules.App,
            Environment = rules.Environment,
            HolderId = actor.PersonId,
            HolderHandle = actor.Person.Handle,
            Reason = arguments.Reason,
            LockedAt = clock.GetUtcNow(),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return DeployErrors.LockedByOther(rules.App, rules.Environment, "someone else", null, clock.GetUtcNow());
        }

        return Reply.Text($"You hold {rules.App} in {rules.Environment}: nobody else deploys there until you `unlock {rules.App} {rules.Environment}`.", Severity.Success);
    }
}

internal sealed record LockEnvironmentArguments(
    [Argument("the app: api", MaxLength = 64)] string App,
    [Argument("the environment: staging", MaxLength = 64)] string Environment,
    [Argument("why, for whoever finds it locked", TakesRest = true, MaxLength = DeployLock.MaxReasonLength)] string? Reason = null)
    : IEnvironmentArguments
{
    public EnvironmentRules? Rules { get; set; }
}
