using Switchboard.Core.Audit;
using Switchboard.Core.Commands;
using Switchboard.Core.Errors;
using Switchboard.Core.Security;
using Switchboard.Modules.Deploy.ContinuousIntegration;
using Switchboard.Modules.Deploy.Deployments;
using Switchboard.Modules.Deploy.RunDeployment;
using Switchboard.Modules.Deploy.Targets;

namespace Switchboard.Modules.Deploy.StartDeployment;

/// <summary>
/// <c>deploy &lt;app&gt;[@&lt;ref&gt;] to &lt;env&gt; [--force]</c>: refused up front when the environment is locked by someone
/// else, frozen, its service has an open alert, it is outside its window or CI is red (which only <c>--force</c> passes,
/// audited and reported); then the environment's second factor and approval; then it runs in the background.
/// </summary>
internal sealed class StartDeploymentCommand(
    DeployRules deployRules, DeploymentStarter starter, CiGate ci, IAuditLog audit, ISecurityFeed securityFeed, TimeProvider clock)
    : ICommandHandler<StartDeploymentArguments>, ICommandPreflight<StartDeploymentArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "deploy",
        Summary: "Deploy an app's ref (main when left out) to an environment, as yourself; --force deploys past red CI, audited and reported.",
        Permission: DeployPolicies.Permission<StartDeploymentArguments>(DeployPermissions.Start),
        Examples: ["deploy api to staging"])
    {
        Variants = ["deploy api to staging", "deploy api@main to production --force"],
        Assurance = DeployPolicies.Assurance<StartDeploymentArguments>(),
        Approval = DeployPolicies.Approval<StartDeploymentArguments>(),
    };

    public async Task<Error?> PreflightAsync(StartDeploymentArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        if (!string.Equals(arguments.To, "to", StringComparison.OrdinalIgnoreCase))
        {
            return DeployErrors.ExpectedTo("deploy api@main to staging", arguments.To);
        }

        if (arguments.Ref is not { Length: > 0 and <= Deployment.MaxRefLength } reference || reference.Any(char.IsWhiteSpace))
        {
            return DeployErrors.InvalidRef(arguments.App);
        }

        var (rules, error) = await deployRules.ResolveAsync(arguments.AppName, arguments.Environment, cancellationToken);
        arguments.Rules = rules;
        return error ?? await deployRules.RefusalAsync(rules!, actor, reference, arguments.Force, checkAlerts: true, cancellationToken);
    }

    public async Task<CommandResult> HandleAsync(StartDeploymentArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var rules = arguments.Rules!;
        if (arguments.Force)
        {
            await ReportForcedAsync(rules, arguments.Ref!, actor, cancellationToken);
        }

        var (deployment, error) = await starter.StartAsync(rules, DeployAction.Deploy, arguments.Ref, null, null, arguments.Force, actor, cancellationToken);
        return deployment is null
            ? error!
            : DeploymentMessages.Accepted(deployment);
    }

    private async Task ReportForcedAsync(EnvironmentRules rules, string reference, Actor actor, CancellationToken cancellationToken)
    {
        var ciState = rules.Options.RequiredContexts.Count == 0 ? "no CI is required there"
            : await ci.RefusalAsync(rules.AppOptions.Repository!, reference, rules.Options.RequiredContexts, actor.PersonId, cancellationToken) is { } red
                ? red.Detail
                : "CI was green";
        var what = $"deploy {rules.App}@{reference} to {rules.Environment} with --force: {ciState}";
        await audit.AppendAsync(
            new AuditRecord(clock.GetUtcNow(), actor.PersonId, actor.FrontEnd.ToString().ToLowerInvariant(), "deploy.forced", AuditOutcomes.Succeeded, null, what),
            cancellationToken);
        securityFeed.Report(new SuspectAction(clock.GetUtcNow(), "deploy.forced", actor.PersonId, what, $"{actor.FrontEnd}, environment {rules.Environment}"));
    }
}

internal sealed record StartDeploymentArguments(
    [Argument("the app, with the git ref after @ (main when left out): api or api@v1.4.2", MaxLength = 320)] string App,
    [Argument("the word 'to'")] string To,
    [Argument("the environment: staging, production", MaxLength = 64)] string Environment,
    [Option("deploy although required CI is not green; audited and reported to the security channel")] bool Force = false)
    : IEnvironmentArguments
{
    public EnvironmentRules? Rules { get; set; }

    public string AppName => App.Split('@', 2)[0].ToLowerInvariant();

    public string? Ref => App.Split('@', 2) is [_, var reference] ? reference : "main";
}
