using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Commands;
using Switchboard.Core.Errors;
using Switchboard.Data;
using Switchboard.Modules.Deploy.Deployments;
using Switchboard.Modules.Deploy.RunDeployment;
using Switchboard.Modules.Deploy.Targets;

namespace Switchboard.Modules.Deploy.RollbackDeployment;

/// <summary>
/// <c>rollback &lt;app&gt; &lt;env&gt; [release]</c>: goes back to a release, or to the one before the current. Nothing new
/// is built, so CI is not asked; and an open alert is when a rollback is most wanted, so only a lock, a freeze or the
/// window refuse it.
/// </summary>
internal sealed class RollbackDeploymentCommand(DeployRules deployRules, DeploymentStarter starter, SwitchboardDbContext db)
    : ICommandHandler<RollbackDeploymentArguments>, ICommandPreflight<RollbackDeploymentArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "rollback",
        Summary: "Roll an app's environment back to a release, or to the one before the current, as yourself.",
        Permission: DeployPolicies.Permission<RollbackDeploymentArguments>(DeployPermissions.Start),
        Examples: ["rollback api review v41"])
    {
        Assurance = DeployPolicies.Assurance<RollbackDeploymentArguments>(),
        Approval = DeployPolicies.Approval<RollbackDeploymentArguments>(),
    };

    public async Task<Error?> PreflightAsync(RollbackDeploymentArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var (rules, error) = await deployRules.ResolveAsync(arguments.App, arguments.Environment, cancellationToken);
        arguments.Rules = rules;
        return error ?? await deployRules.RefusalAsync(rules!, actor, ciRef: null, force: false, checkAlerts: false, cancellationToken);
    }

    public async Task<CommandResult> HandleAsync(RollbackDeploymentArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var rules = arguments.Rules!;
        var reference = arguments.Release is null ? await PreviousRefAsync(rules, cancellationToken) : null;
        var (deployment, error) = await starter.StartAsync(rules, DeployAction.Rollback, reference, null, arguments.Release, forced: false, actor, cancellationToken);
        return deployment is null
            ? error!
            : DeploymentMessages.Accepted(deployment);
    }

    /// <summary>For a target that knows no releases of its own (a script): the ref of the success before the latest.</summary>
    private async Task<string?> PreviousRefAsync(EnvironmentRules rules, CancellationToken cancellationToken) =>
        (await db.Set<Deployment>().AsNoTracking()
            .Where(d => d.App == rules.App && d.Environment == rules.Environment && d.State == DeploymentState.Succeeded)
            .OrderByDescending(d => d.Id)
            .Select(d => d.Ref)
            .Take(2)
            .ToListAsync(cancellationToken)) is [_, var previous] ? previous : null;
}

internal sealed record RollbackDeploymentArguments(
    [Argument("the app: api", MaxLength = 64)] string App,
    [Argument("the environment: production", MaxLength = 64)] string Environment,
    [Argument("the release to go back to (v41); the one before the current when left out", MaxLength = 255)] string? Release = null)
    : IEnvironmentArguments
{
    public EnvironmentRules? Rules { get; set; }
}
