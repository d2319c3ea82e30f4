using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Commands;
using Switchboard.Core.Errors;
using Switchboard.Core.Replies;
using Switchboard.Data;
using Switchboard.Modules.Deploy.Deployments;

namespace Switchboard.Modules.Deploy.UnlockEnvironment;

/// <summary><c>unlock &lt;app&gt; &lt;env&gt;</c>: release a lock you hold; an administrator may release anyone's.</summary>
internal sealed class UnlockEnvironmentCommand(DeployRules deployRules, SwitchboardDbContext db)
    : ICommandHandler<UnlockEnvironmentArguments>, ICommandPreflight<UnlockEnvironmentArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "unlock",
        Summary: "Release your lock on an app's environment; an administrator may release anyone's.",
        Permission: DeployPolicies.Permission<UnlockEnvironmentArguments>(DeployPermissions.Lock),
        Examples: ["unlock api staging"]);

    public async Task<Error?> PreflightAsync(UnlockEnvironmentArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var (rules, error) = await deployRules.ResolveAsync(arguments.App, arguments.Environment, cancellationToken);
        arguments.Rules = rules;
        return error;
    }

    public async Task<CommandResult> HandleAsync(UnlockEnvironmentArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var rules = arguments.Rules!;
        var held = await db.Set<DeployLock>().SingleOrDefaultAsync(l => l.App == rules.App && l.Environment == rules.Environment, cancellationToken);
        if (held is null)
        {
            return DeployErrors.NotLocked(rules.App, rules.Environment);
        }

        if (held.HolderId != actor.PersonId && !actor.IsAdmin)
        {
            return DeployErrors.LockNotYours(rules.App, rules.Environment, held.HolderHandle);
        }

        db.Remove(held);
        await db.SaveChangesAsync(cancellationToken);
        var whose = held.HolderId == actor.PersonId ? "your" : $"@{held.HolderHandle}'s";
        return Reply.Text($"Released {whose} lock on {rules.App} in {rules.Environment}.", Severity.Success);
    }
}

internal sealed record UnlockEnvironmentArguments(
    [Argument("the app: api", MaxLength = 64)] string App,
    [Argument("the environment: staging", MaxLength = 64)] string Environment)
    : IEnvironmentArguments
{
    public EnvironmentRules? Rules { get; set; }
}
