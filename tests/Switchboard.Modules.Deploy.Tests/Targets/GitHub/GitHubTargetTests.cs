using Switchboard.Modules.Deploy.Targets;

namespace Switchboard.Modules.Deploy.Tests.Targets.GitHub;

/// <summary>
/// The <c>github</c> target against the emulated GitHub: a deployment made with the requester's own token, without
/// auto-merge and with the environment's required contexts, followed through the statuses the team's deployer posts.
/// </summary>
public sealed class GitHubTargetTests(DeployTargetsHost host) : IClassFixture<DeployTargetsHost>
{
    [Fact(Timeout = 60_000)]
    public async Task CreatesADeploymentAsTheRequesterAndReportsEachStatusUntilSuccess()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (mia, githubUser) = await host.AddDeployerAsync("mia", heroku: null, cancellationToken);
        var deployments = host.GitHub.State.Deployments;
        deployments.SetRef(DeployTargetsHost.WebRepository, "main");
        var sha = deployments.SetRef(DeployTargetsHost.WebRepository, "feature-x");
        deployments.SetContext(DeployTargetsHost.WebRepository, sha, "ci/test", "success");
        deployments.ScriptDeployer(("queued", null), ("in_progress", "Rolling out to 3 hosts"), ("success", "Deployed"));

        var run = await host.RunTargetAsync(mia, "web", "staging", DeployAction.Deploy, cancellationToken, @ref: "feature-x");

        Assert.True(run.Outcome.Succeeded, run.Outcome.Error?.Detail);
        Assert.Equal(sha, run.Outcome.Version);
        var deployment = deployments.All[^1];
        Assert.Equal(githubUser, deployment.Creator);
        Assert.Equal(("feature-x", sha, "staging"), (deployment.Ref, deployment.Sha, deployment.Environment));
        Assert.False(deployment.AutoMerge);
        Assert.Equal(["ci/test"], deployment.RequiredContexts);
        Assert.Contains("\"requester\":\"mia\"", deployment.Payload, StringComparison.Ordinal);
        Assert.Equal(["Creating deployment", "Queued", "In progress", "Success"], run.Progress.Steps);
        Assert.Contains("Rolling out to 3 hosts", run.Progress.Lines);
    }

    [Fact(Timeout = 60_000)]
    public async Task TheDeployCommandCreatesTheDeploymentAsTheRequesterAndShowsItsStatuses()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (sam, githubUser) = await host.AddDeployerAsync("sam", heroku: null, cancellationToken);
        await host.JoinTeamAsync(sam, cancellationToken);
        var deployments = host.GitHub.State.Deployments;
        var sha = deployments.SetRef(DeployTargetsHost.WebRepository, "feature-y");
        deployments.ScriptDeployer(("queued", null), ("in_progress", "Rolling out to 2 hosts"), ("success", "Deployed"));
        var before = deployments.All.Count;

        var deployed = await host.RunAsync(sam, "deploy web@feature-y to production", cancellationToken);
        var shown = await DeployHost.EndedAsync(host, sam, DeployHost.NumberIn(deployed), cancellationToken);

        var deployment = Assert.Single(deployments.All.Skip(before));
        Assert.Equal((githubUser, "feature-y", sha, "production"), (deployment.Creator, deployment.Ref, deployment.Sha, deployment.Environment));
        Assert.False(deployment.AutoMerge);
        Assert.Equal(["queued", "in_progress", "success"], deployment.Statuses.Select(s => s.State));
        Assert.Contains($"web@feature-y to production succeeded ({sha})", shown.Text, StringComparison.Ordinal);
        Assert.Contains("Rolling out to 2 hosts", shown.Text, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task ARequiredContextThatIsNotGreenIsRefusedWithTheContextNamed()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (ned, _) = await host.AddDeployerAsync("ned", heroku: null, cancellationToken);
        var sha = host.GitHub.State.Deployments.SetRef(DeployTargetsHost.WebRepository, "red-build");
        host.GitHub.State.Deployments.SetContext(DeployTargetsHost.WebRepository, sha, "ci/test", "failure");
        var before = host.GitHub.State.Deployments.All.Count;

        var run = await host.RunTargetAsync(ned, "web", "staging", DeployAction.Deploy, cancellationToken, @ref: "red-build");

        Assert.Equal("deploy.github-checks-not-green", run.Outcome.Error?.Code);
        Assert.Contains("ci/test: failure", run.Outcome.Error!.Detail, StringComparison.Ordinal);
        Assert.Equal(before, host.GitHub.State.Deployments.All.Count);
    }

    [Fact(Timeout = 60_000)]
    public async Task ARefTheRepositoryDoesNotHaveIsAnInvalidRefError()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (ola, _) = await host.AddDeployerAsync("ola", heroku: null, cancellationToken);
        host.GitHub.State.Deployments.SetRef(DeployTargetsHost.WebRepository, "main");

        var run = await host.RunTargetAsync(ola, "web", "staging", DeployAction.Deploy, cancellationToken, @ref: "no-such-branch");

        Assert.True("deploy.github-unknown-ref" == run.Outcome.Error?.Code, run.Outcome.Error?.Detail);
        Assert.Contains("no-such-branch", run.Outcome.Error!.Detail, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task AFailureStatusFailsTheDeploymentWithTheDeployersWordsAndLog()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (pia, _) = await host.AddDeployerAsync("pia", heroku: null, cancellationToken);
        host.GitHub.State.Deployments.SetRef(DeployTargetsHost.WebRepository, "main");
        host.GitHub.State.Deployments.ScriptDeployer(("in_progress", null), ("failure", "Health check failed on web-2"));

        var run = await host.RunTargetAsync(pia, "web", "production", DeployAction.Deploy, cancellationToken, @ref: "main");

        Assert.Equal("deploy.github-deployment-failed", run.Outcome.Error?.Code);
        Assert.Contains("Health check failed on web-2", run.Outcome.Error!.Detail, StringComparison.Ordinal);
        Assert.Equal(["Creating deployment", "In progress", "Failure"], run.Progress.Steps);
    }

    [Fact(Timeout = 60_000)]
    public async Task PromotionDeploysTheShaLastDeployedToTheSourceEnvironment()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (quinn, _) = await host.AddDeployerAsync("quinn", heroku: null, cancellationToken);
        var deployments = host.GitHub.State.Deployments;
        var sha = deployments.SetRef(DeployTargetsHost.WebRepository, "main");
        deployments.SetContext(DeployTargetsHost.WebRepository, sha, "ci/test", "success");
        deployments.ScriptDeployer(("success", null));
        await host.RunTargetAsync(quinn, "web", "staging", DeployAction.Deploy, cancellationToken, @ref: "main");
        deployments.SetRef(DeployTargetsHost.WebRepository, "main");
        deployments.ScriptDeployer(("success", null));

        var run = await host.RunTargetAsync(quinn, "web", "production", DeployAction.Promote, cancellationToken, from: "staging");

        Assert.True(run.Outcome.Succeeded, run.Outcome.Error?.Detail);
        Assert.Equal((sha, "production"), (deployments.All[^1].Sha, deployments.All[^1].Environment));
    }
}
