using Microsoft.Extensions.Options;
using Switchboard.Core.Credentials;
using Switchboard.Core.Errors;
using Switchboard.Modules.Deploy.Targets.GitHub;

namespace Switchboard.Modules.Deploy.Targets.Heroku;

/// <summary>
/// <c>heroku</c>: builds a ref from the repository's source archive, promotes through a pipeline, and rolls back
/// releases, each with the requester's own Heroku token, so Heroku's activity log names the person. Settings:
/// <c>App</c> (the Heroku app), <c>Repository</c> (<c>owner/repo</c>, for deploys) and <c>Pipeline</c> (its id, for promotions).
/// </summary>
internal sealed class HerokuTarget(
    HerokuClient heroku,
    GitHubClient github,
    IServiceCredentials credentials,
    IOptions<DeployOptions> deploy,
    IOptions<HerokuTargetOptions> options,
    TimeProvider clock) : IDeployTarget
{
    public string Name => "heroku";

    public async Task<DeployOutcome> RunAsync(DeployJob job, IDeployProgress progress, CancellationToken cancellationToken)
    {
        if (job.Settings["App"] is not { Length: > 0 } app)
        {
            return Failed(HerokuTargetErrors.MissingSetting(job, "App"));
        }

        var token = await credentials.GetAsync(job.Requester, "heroku", cancellationToken);
        if (token.Credential is not { } credential)
        {
            return Failed(token.Error!);
        }

        return job.Action switch
        {
            DeployAction.Deploy => await DeployAsync(job, app, credential.Value, progress, cancellationToken),
            DeployAction.Promote => await PromoteAsync(job, app, credential.Value, progress, cancellationToken),
            DeployAction.Rollback => await RollbackAsync(job, app, credential.Value, progress, cancellationToken),
        };
    }

    private async Task<DeployOutcome> DeployAsync(DeployJob job, string app, string token, IDeployProgress progress, CancellationToken cancellationToken)
    {
        if (deploy.Value.FindApp(job.App)?.App.Repository is not { Length: > 0 } repository)
        {
            return Failed(HerokuTargetErrors.MissingRepository(job));
        }

        var target = await heroku.GetAppAsync(token, app, cancellationToken);
        if (target.Value is not { } herokuApp)
        {
            return Failed(target.Error!);
        }

        await progress.StepAsync("Fetching source", cancellationToken);
        var githubToken = await credentials.GetAsync(job.Requester, "github", cancellationToken);
        if (githubToken.Credential is not { } githubCredential)
        {
            return Failed(githubToken.Error!);
        }

        // GitHub's archive links expire within minutes, so each build asks for its own.
        var archive = await github.ArchiveLinkAsync(githubCredential.Value, repository, job.Ref, cancellationToken);
        if (archive.Value is not { } source)
        {
            return Failed(archive.Error!);
        }

        await progress.StepAsync("Building", cancellationToken);
        var version = job.Ref ?? "HEAD";
        var created = await heroku.CreateBuildAsync(token, app, source, version, cancellationToken);
        if (created.Value is not { } build)
        {
            return Failed(created.Error!);
        }

        string? lastLine = null;
        var sourceUnavailable = false;
        if (build.OutputStreamUrl is { } stream)
        {
            var streamed = await heroku.ReadOutputAsync(stream, line =>
            {
                // Heroku's words when source_blob.url no longer serves the archive.
                sourceUnavailable |= line.Contains("Unable to fetch source", StringComparison.Ordinal);
                lastLine = line.Length > 0 ? line : lastLine;
                return progress.OutputAsync(line, cancellationToken);
            }, cancellationToken);
            if (streamed is not null)
            {
                await progress.OutputAsync(streamed.Detail, cancellationToken);
            }
        }

        var finished = await UntilDoneAsync("build", () => heroku.GetBuildAsync(token, app, build.Id, cancellationToken), b => b.IsPending, cancellationToken);
        if (finished.Value is not { } done)
        {
            return Failed(finished.Error!);
        }

        if (done.Status != "succeeded" || done.Release is not { } release)
        {
            return Failed(sourceUnavailable
                ? HerokuTargetErrors.SourceUnavailable(version)
                : HerokuTargetErrors.BuildFailed(done.Id, lastLine));
        }

        return await ReleasedAsync(token, herokuApp, release.Id.ToString(), progress, cancellationToken);
    }

    private async Task<DeployOutcome> PromoteAsync(DeployJob job, string app, string token, IDeployProgress progress, CancellationToken cancellationToken)
    {
        if (job.Settings["Pipeline"] is not { Length: > 0 } pipeline)
        {
            return Failed(HerokuTargetErrors.MissingSetting(job, "Pipeline"));
        }

        var stage = job.FromEnvironment ?? "";
        var target = await heroku.GetAppAsync(token, app, cancellationToken);
        var couplings = await heroku.ListCouplingsAsync(token, pipeline, cancellationToken);
        if (target.Value is not { } herokuApp || couplings.Value is not { } coupled)
        {
            return Failed(target.Error ?? couplings.Error!);
        }

        // Heroku's pipeline stages (review, development, staging, production) name the environments promoted between.
        var sources = coupled.Where(c => c.Stage.Equals(stage, StringComparison.OrdinalIgnoreCase)).ToList();
        if (sources is not [var source])
        {
            return Failed(HerokuTargetErrors.NoSourceApp(pipeline, stage, sources.Count));
        }

        if (!coupled.Any(c => c.App.Id == herokuApp.Id))
        {
            return Failed(HerokuTargetErrors.NotInPipeline(app, pipeline));
        }

        await progress.StepAsync("Promoting", cancellationToken);
        var created = await heroku.PromoteAsync(token, source.Pipeline.Id, source.App.Id, herokuApp.Id, cancellationToken);
        if (created.Value is not { } promotion)
        {
            return Failed(created.Error!);
        }

        await progress.OutputAsync($"Promoting the {stage} app's current release to {app} (promotion {promotion.Id})", cancellationToken);
        var finished = await UntilDoneAsync("promotion", () => heroku.GetPromotionAsync(token, promotion.Id, cancellationToken), p => p.Status == "pending", cancellationToken);
        if (finished.Error is { } error)
        {
            return Failed(error);
        }

        var targets = await heroku.ListPromotionTargetsAsync(token, promotion.Id, cancellationToken);
        if (targets.Value is not { } promoted)
        {
            return Failed(targets.Error!);
        }

        return promoted.SingleOrDefault(t => t.App.Id == herokuApp.Id) is { Status: "succeeded", Release: { } release }
            ? await ReleasedAsync(token, herokuApp, release.Id.ToString(), progress, cancellationToken)
            : Failed(HerokuTargetErrors.PromotionFailed(app, promoted.SingleOrDefault(t => t.App.Id == herokuApp.Id)?.ErrorMessage));
    }

    private async Task<DeployOutcome> RollbackAsync(DeployJob job, string app, string token, IDeployProgress progress, CancellationToken cancellationToken)
    {
        var target = await heroku.GetAppAsync(token, app, cancellationToken);
        if (target.Value is not { } herokuApp)
        {
            return Failed(target.Error!);
        }

        HerokuAnswer<HerokuReleaseResource> chosen;
        if (job.Release is { } named)
        {
            chosen = await heroku.GetReleaseAsync(token, app, named.TrimStart('v', 'V'), cancellationToken);
        }
        else
        {
            var releases = await heroku.ListReleasesAsync(token, app, max: 2, cancellationToken);
            chosen = releases.Value is { Count: 2 } newestFirst ? new(newestFirst[1], null)
                : new(null, releases.Error ?? HerokuTargetErrors.NoEarlierRelease(app));
        }

        if (chosen.Value is not { } to)
        {
            return Failed(chosen.Error!);
        }

        await progress.StepAsync("Rolling back", cancellationToken);
        var rolledBack = await heroku.RollbackAsync(token, app, to.Id, cancellationToken);
        if (rolledBack.Value is not { } release)
        {
            return Failed(rolledBack.Error!);
        }

        await progress.OutputAsync($"Rolled {app} back to v{to.Version}", cancellationToken);
        return await ReleasedAsync(token, herokuApp, release.Id.ToString(), progress, cancellationToken);
    }

    private async Task<DeployOutcome> ReleasedAsync(string token, HerokuAppResource app, string release, IDeployProgress progress, CancellationToken cancellationToken)
    {
        var found = await heroku.GetReleaseAsync(token, app.Name, release, cancellationToken);
        if (found.Value is not { } released)
        {
            return Failed(found.Error!);
        }

        var version = $"v{released.Version}";
        await progress.StepAsync("Released", cancellationToken);
        await progress.OutputAsync($"Released {version} of {app.Name}: {released.Description}", cancellationToken);
        return new DeployOutcome(null, version, app.WebUrl);
    }

    /// <summary>Reads the resource until it is no longer pending, waiting the poll interval between reads, up to the timeout.</summary>
    private async Task<HerokuAnswer<T>> UntilDoneAsync<T>(string what, Func<Task<HerokuAnswer<T>>> read, Func<T, bool> isPending, CancellationToken cancellationToken)
        where T : class
    {
        var settings = options.Value;
        var giveUpAt = clock.GetUtcNow() + settings.Timeout;
        while (true)
        {
            var answer = await read();
            if (answer.Value is not { } value || !isPending(value))
            {
                return answer;
            }

            if (clock.GetUtcNow() >= giveUpAt)
            {
                return new HerokuAnswer<T>(null, HerokuTargetErrors.TimedOut(what, settings.Timeout));
            }

            await Task.Delay(settings.PollInterval, clock, cancellationToken);
        }
    }

    private static DeployOutcome Failed(Error error) => new(error, null, null);
}
