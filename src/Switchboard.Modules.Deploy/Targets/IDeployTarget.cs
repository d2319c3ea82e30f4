using Microsoft.Extensions.Configuration;
using Switchboard.Core.Errors;
using Switchboard.Core.People;

namespace Switchboard.Modules.Deploy.Targets;

/// <summary>
/// Where a deployment happens: a script, Heroku, GitHub Deployments. Named by
/// <c>Deploy:Apps:&lt;app&gt;:Environments:&lt;env&gt;:Target</c>. A target acts only with the requester's own
/// credentials and reports each step and output line as it happens; it answers failures as values.
/// </summary>
internal interface IDeployTarget
{
    /// <summary><c>script</c>, <c>heroku</c> or <c>github</c>.</summary>
    string Name { get; }

    Task<DeployOutcome> RunAsync(DeployJob job, IDeployProgress progress, CancellationToken cancellationToken);
}

/// <param name="Id">The deployment's number, for logs and for a target that labels what it creates.</param>
/// <param name="Action">What was asked: a deploy of a ref, a promotion from another environment, a rollback.</param>
/// <param name="Ref">The git ref (branch, tag or sha) for a deploy; null for a promotion or rollback.</param>
/// <param name="FromEnvironment">For a promotion: the environment whose build goes forward.</param>
/// <param name="Release">For a rollback: the release to go back to, or null for the one before the current.</param>
/// <param name="Settings">The environment's configuration section (<c>Deploy:Apps:&lt;app&gt;:Environments:&lt;env&gt;</c>), for the target's own settings.</param>
internal sealed record DeployJob(
    long Id,
    string App,
    string Environment,
    DeployAction Action,
    string? Ref,
    string? FromEnvironment,
    string? Release,
    PersonId Requester,
    string RequesterHandle,
    IConfigurationSection Settings);

internal enum DeployAction
{
    Deploy,
    Promote,
    Rollback,
}

/// <summary>What a target reports while it runs; the deployment's message, its thread and the CLI's stream show it.</summary>
internal interface IDeployProgress
{
    /// <summary>A named step begins (<c>Building</c>, <c>Releasing</c>); the previous one is done.</summary>
    Task StepAsync(string step, CancellationToken cancellationToken);

    /// <summary>One line of output or status from the target.</summary>
    Task OutputAsync(string line, CancellationToken cancellationToken);
}

/// <param name="Error">Null when it succeeded; otherwise why it failed, to show the requester.</param>
/// <param name="Version">What is now running, as the target names it (a Heroku release <c>v42</c>, a sha), when known.</param>
/// <param name="Url">Where to see it at the target, when it has a page.</param>
internal sealed record DeployOutcome(Error? Error, string? Version, Uri? Url)
{
    public bool Succeeded => Error is null;
}
