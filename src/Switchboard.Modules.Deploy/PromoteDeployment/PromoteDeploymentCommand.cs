using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Commands;
using Switchboard.Core.Errors;
using Switchboard.Data;
using Switchboard.Modules.Deploy.Deployments;
using Switchboard.Modules.Deploy.RunDeployment;
using Switchboard.Modules.Deploy.Targets;

namespace Switchboard.Modules.Deploy.PromoteDeployment;

/// <summary>
/// <c>promote &lt;app&gt; &lt;from&gt; to &lt;to&gt;</c>: moves what runs in one environment on to a later one along the app's
/// pipeline, under the rules of the environment it goes to. The target promotes what it finds there (a Heroku pipeline
/// promotes the source app's slug); the ref that last succeeded there through Switchboard, if any, is passed along and
/// must have green CI.
/// </summary>
internal sealed class PromoteDeploymentCommand(DeployRules deployRules, DeploymentStarter starter, SwitchboardDbContext db)
    : ICommandHandler<PromoteDeploymentArguments>, ICommandPreflight<PromoteDeploymentArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "promote",
        Summary: "Promote what runs in one environment of an app to a later one along its pipeline, as yourself.",
        Permission: DeployPolicies.Permission<PromoteDeploymentArguments>(DeployPermissions.Start),
        Examples: ["promote api staging to production"])
    {
        Assurance = DeployPolicies.Assurance<PromoteDeploymentArguments>(),
        Approval = DeployPolicies.Approval<PromoteDeploymentArguments>(),
    };

    public async Task<Error?> PreflightAsync(PromoteDeploymentArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        if (!string.Equals(arguments.To, "to", StringComparison.OrdinalIgnoreCase))
        {
            return DeployErrors.ExpectedTo("promote api staging to production", arguments.To);
        }

        var (source, sourceError) = await deployRules.ResolveAsync(arguments.App, arguments.From, cancellationToken);
        if (sourceError is not null)
        {
            return sourceError;
        }

        var (rules, error) = await deployRules.ResolveAsync(arguments.App, arguments.Environment, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var pipeline = rules!.AppOptions.Pipeline;
        var from = pipeline.FindIndex(s => string.Equals(s, source!.Environment, StringComparison.OrdinalIgnoreCase));
        var to = pipeline.FindIndex(s => string.Equals(s, rules.Environment, StringComparison.OrdinalIgnoreCase));
        if (from < 0 || to <= from)
        {
            return DeployErrors.NotInPipeline(rules.App, source!.Environment, rules.Environment);
        }

        arguments.Rules = rules;
        var promoted = await LatestSuccessAsync(rules.App, source!.Environment, cancellationToken);
        return await deployRules.RefusalAsync(rules, actor, promoted?.Ref, force: false, checkAlerts: true, cancellationToken);
    }

    public async Task<CommandResult> HandleAsync(PromoteDeploymentArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var rules = arguments.Rules!;
        var from = rules.AppOptions.FindEnvironment(arguments.From)!.Value.Name;
        var promoted = await LatestSuccessAsync(rules.App, from, cancellationToken);
        var (deployment, error) = await starter.StartAsync(rules, DeployAction.Promote, promoted?.Ref, from, null, forced: false, actor, cancellationToken);
        return deployment is null
            ? error!
            : DeploymentMessages.Accepted(deployment);
    }

    private Task<Deployment?> LatestSuccessAsync(string app, string environment, CancellationToken cancellationToken) =>
        db.Set<Deployment>().AsNoTracking()
            .Where(d => d.App == app && d.Environment == environment && d.State == DeploymentState.Succeeded)
            .OrderByDescending(d => d.Id)
            .FirstOrDefaultAsync(cancellationToken);
}

internal sealed record PromoteDeploymentArguments(
    [Argument("the app: api", MaxLength = 64)] string App,
    [Argument("the environment whose deployment goes forward: staging", MaxLength = 64)] string From,
    [Argument("the word 'to'")] string To,
    [Argument("the environment it goes to: production", MaxLength = 64)] string Environment)
    : IEnvironmentArguments
{
    public EnvironmentRules? Rules { get; set; }
}
