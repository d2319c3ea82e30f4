using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Switchboard.Core.Credentials;
using Switchboard.Core.Errors;

namespace Switchboard.Modules.Deploy.Targets.GitHub;

/// <summary>
/// <c>github</c>: creates a GitHub deployment with the requester's own token, for teams whose own deployer acts on
/// deployments, and follows the statuses it posts until a final one. Settings: <c>Repository</c> (<c>owner/repo</c>),
/// <c>RequiredContexts</c> (the contexts GitHub must see green; every context when unset) and <c>Timeout</c>.
/// A promotion deploys the sha last deployed to the source environment; a rollback the one deployed before the current.
/// </summary>
internal sealed class GitHubTarget(
    GitHubClient github, IServiceCredentials credentials, IOptions<DeployOptions> deploy, IOptions<GitHubTargetOptions> options, TimeProvider clock) : IDeployTarget
{
    public string Name => "github";

    public async Task<DeployOutcome> RunAsync(DeployJob job, IDeployProgress progress, CancellationToken cancellationToken)
    {
        if (deploy.Value.FindApp(job.App)?.App.Repository is not { Length: > 0 } repository)
        {
            return Failed(GitHubTargetErrors.MissingRepository(job));
        }

        var token = await credentials.GetAsync(job.Requester, "github", cancellationToken);
        if (token.Credential is not { } credential)
        {
            return Failed(token.Error!);
        }

        var chosen = await RefToDeployAsync(job, repository, credential.Value, cancellationToken);
        if (chosen.Value is not { } @ref)
        {
            return Failed(chosen.Error!);
        }

        await progress.StepAsync("Creating deployment", cancellationToken);
        // auto_merge false: GitHub would otherwise merge the default branch into the ref and deploy that instead.
        var request = new GitHubDeploymentRequest(
            @ref,
            job.Environment,
            AutoMerge: false,
            RequiredContextsOf(job.Settings),
            new { switchboard = new { deployment = job.Id, requester = job.RequesterHandle, action = job.Action.ToString().ToLowerInvariant() } },
            $"{job.Action} by @{job.RequesterHandle} from Switchboard (deployment {job.Id})");
        var created = await github.CreateDeploymentAsync(credential.Value, repository, request, cancellationToken);
        if (created.Value is not { } deployment)
        {
            return Failed(created.Error!);
        }

        await progress.OutputAsync($"GitHub deployment {deployment.Id} of {@ref} ({deployment.Sha[..Math.Min(7, deployment.Sha.Length)]}) to {job.Environment} created", cancellationToken);
        return await FollowAsync(job, repository, credential.Value, deployment, progress, cancellationToken);
    }

    private async Task<GitHubTargetAnswer<string>> RefToDeployAsync(DeployJob job, string repository, string token, CancellationToken cancellationToken)
    {
        switch (job.Action)
        {
            case DeployAction.Deploy:
                return new(job.Ref ?? "HEAD", null);
            case DeployAction.Promote:
                var source = await github.ListDeploymentsAsync(token, repository, job.FromEnvironment ?? "", cancellationToken);
                return source.Value is null ? new(null, source.Error)
                    : source.Value.FirstOrDefault() is { } latest ? new(latest.Sha, null)
                    : new(null, GitHubTargetErrors.NothingToPromote(job.FromEnvironment ?? ""));
            case DeployAction.Rollback:
                if (job.Release is { } named)
                {
                    return new(named, null);
                }

                var history = await github.ListDeploymentsAsync(token, repository, job.Environment, cancellationToken);
                return history.Value is null ? new(null, history.Error)
                    : history.Value is [var current, ..] && history.Value.FirstOrDefault(d => d.Sha != current.Sha) is { } earlier ? new(earlier.Sha, null)
                    : new(null, GitHubTargetErrors.NoEarlierDeployment(job.Environment));
        }

        throw new ArgumentOutOfRangeException(nameof(job), job.Action, "Not a deploy action.");
    }

    /// <summary>Reports each status the deployer posts as a step, until a final one or the timeout.</summary>
    private async Task<DeployOutcome> FollowAsync(
        DeployJob job, string repository, string token, GitHubDeploymentResource deployment, IDeployProgress progress, CancellationToken cancellationToken)
    {
        var timeout = job.Settings.GetValue<TimeSpan?>("Timeout") ?? options.Value.Timeout;
        var giveUpAt = clock.GetUtcNow() + timeout;
        var seen = new HashSet<long>();
        while (true)
        {
            var statuses = await github.ListStatusesAsync(token, repository, deployment.Id, cancellationToken);
            if (statuses.Value is not { } newestFirst)
            {
                return Failed(statuses.Error!);
            }

            foreach (var status in newestFirst.AsEnumerable().Reverse().Where(s => seen.Add(s.Id)))
            {
                await progress.StepAsync(StepName(status.State), cancellationToken);
                if (!string.IsNullOrEmpty(status.Description) || !string.IsNullOrEmpty(status.LogUrl))
                {
                    await progress.OutputAsync(string.Join(' ', new[] { status.Description, status.LogUrl }.Where(t => !string.IsNullOrEmpty(t))), cancellationToken);
                }
            }

            if (newestFirst.FirstOrDefault() is { IsFinal: true } final)
            {
                return final.State == "success"
                    ? new DeployOutcome(null, deployment.Sha, Link(final.EnvironmentUrl) ?? Link(final.LogUrl))
                    : Failed(GitHubTargetErrors.DeploymentFailed(deployment.Id, final.State, final.Description, final.LogUrl));
            }

            if (clock.GetUtcNow() >= giveUpAt)
            {
                return Failed(GitHubTargetErrors.TimedOut(deployment.Id, timeout));
            }

            await Task.Delay(options.Value.PollInterval, clock, cancellationToken);
        }
    }

    /// <summary>Listed under <c>RequiredContexts</c> as an array or one comma-separated value (empty for none); null when unset.</summary>
    private static IReadOnlyList<string>? RequiredContextsOf(IConfigurationSection settings)
    {
        var section = settings.GetSection("RequiredContexts");
        var listed = section.GetChildren().Select(c => c.Value).OfType<string>().ToList();
        return listed.Count > 0 ? listed
            : section.Value is { } single ? single.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : null;
    }

    private static string StepName(string state) => state switch
    {
        "in_progress" => "In progress",
        _ => char.ToUpperInvariant(state[0]) + state[1..],
    };

    private static Uri? Link(string? url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : null;

    private static DeployOutcome Failed(Error error) => new(error, null, null);
}
