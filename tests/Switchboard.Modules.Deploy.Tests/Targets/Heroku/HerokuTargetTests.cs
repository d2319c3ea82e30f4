using Switchboard.Modules.Deploy.Targets;

namespace Switchboard.Modules.Deploy.Tests.Targets.Heroku;

/// <summary>
/// The <c>heroku</c> target against the emulated Platform API and GitHub: builds from a fresh archive link, pipeline
/// promotions and rollbacks, each made with the requester's own token (Heroku records whose), and its refusals as Errors.
/// </summary>
public sealed class HerokuTargetTests(DeployTargetsHost host) : IClassFixture<DeployTargetsHost>
{
    [Fact(Timeout = 60_000)]
    public async Task DeployBuildsTheRefFromAFreshArchiveLinkWithTheRequestersOwnToken()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var account = host.AddHerokuMember("dana@example.com");
        var (dana, _) = await host.AddDeployerAsync("dana", account, cancellationToken);
        var sha = host.GitHub.State.Deployments.SetRef(DeployTargetsHost.ApiRepository, "release-1");

        var run = await host.RunTargetAsync(dana, "api", "staging", DeployAction.Deploy, cancellationToken, @ref: "release-1");

        Assert.True(run.Outcome.Succeeded, run.Outcome.Error?.Detail);
        var build = host.Heroku.State.Platform.Builds.Last(b => b.App == host.Staging);
        Assert.Equal(account, build.User);
        Assert.Equal("release-1", build.SourceVersion);
        var link = host.GitHub.State.Deployments.ArchiveLinks.Single(l => build.SourceUrl.Query.Contains(l.Token, StringComparison.Ordinal));
        Assert.Equal(sha, link.Sha);
        Assert.True(link.Downloaded);
        var release = host.Heroku.State.Platform.ReleasesOf(host.Staging)[^1];
        Assert.Equal(account, release.User);
        Assert.Equal($"v{release.Version}", run.Outcome.Version);
        Assert.Equal(host.Staging.WebUrl, run.Outcome.Url);
        Assert.Equal(["Fetching source", "Building", "Released"], run.Progress.Steps);
        Assert.Contains("-----> Build succeeded!", run.Progress.Lines);
    }

    [Fact(Timeout = 60_000)]
    public async Task TheDeployAndPromoteCommandsBuildAndPromoteOnHerokuWithTheRequestersOwnToken()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var account = host.AddHerokuMember("rae@example.com");
        var (rae, _) = await host.AddDeployerAsync("rae", account, cancellationToken);
        await host.JoinTeamAsync(rae, cancellationToken);
        host.GitHub.State.Deployments.SetRef(DeployTargetsHost.ApiRepository, "release-7");
        var buildsBefore = host.Heroku.State.Platform.Builds.Count;
        var promotionsBefore = host.Heroku.State.Platform.Promotions.Count;

        var deployed = await host.RunAsync(rae, "deploy api@release-7 to staging", cancellationToken);
        var staging = await DeployHost.EndedAsync(host, rae, DeployHost.NumberIn(deployed), cancellationToken);
        var stagedRelease = host.Heroku.State.Platform.ReleasesOf(host.Staging)[^1];
        var promoted = await host.RunAsync(rae, "promote api staging to production", cancellationToken);
        var production = await DeployHost.EndedAsync(host, rae, DeployHost.NumberIn(promoted), cancellationToken);

        var build = Assert.Single(host.Heroku.State.Platform.Builds.Skip(buildsBefore));
        Assert.Equal((host.Staging, account, "release-7"), (build.App, build.User, build.SourceVersion));
        Assert.Contains($"api@release-7 to staging succeeded (v{stagedRelease.Version})", staging.Text, StringComparison.Ordinal);
        Assert.Contains("-----> Build succeeded!", staging.Text, StringComparison.Ordinal);
        var promotion = Assert.Single(host.Heroku.State.Platform.Promotions.Skip(promotionsBefore));
        Assert.Equal((account, host.Staging, stagedRelease), (promotion.User, promotion.Source, promotion.SourceRelease));
        var released = host.Heroku.State.Platform.ReleasesOf(host.Production)[^1];
        Assert.Equal((account, stagedRelease.Slug), (released.User, released.Slug));
        Assert.Contains($"api from staging to production succeeded (v{released.Version})", production.Text, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task EachBuildFetchesItsOwnArchiveLinkAndAnExpiredOneFailsTheBuildWithAReason()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (erin, _) = await host.AddDeployerAsync("erin", host.AddHerokuMember("erin@example.com"), cancellationToken);
        host.GitHub.State.Deployments.SetRef(DeployTargetsHost.ApiRepository, "main");
        var linksBefore = host.GitHub.State.Deployments.ArchiveLinks.Count;

        host.GitHub.State.Deployments.ArchiveLinkLifetime = TimeSpan.Zero;
        var expired = await host.RunTargetAsync(erin, "api", "staging", DeployAction.Deploy, cancellationToken, @ref: "main");
        host.GitHub.State.Deployments.ArchiveLinkLifetime = TimeSpan.FromSeconds(60);
        var fresh = await host.RunTargetAsync(erin, "api", "staging", DeployAction.Deploy, cancellationToken, @ref: "main");

        Assert.True("deploy.heroku-source-unavailable" == expired.Outcome.Error?.Code, expired.Outcome.Error?.Detail + string.Join("\n", expired.Progress.Lines));
        Assert.Contains(expired.Progress.Lines, l => l.Contains("Unable to fetch source", StringComparison.Ordinal));
        Assert.True(fresh.Outcome.Succeeded, fresh.Outcome.Error?.Detail);
        Assert.Equal(linksBefore + 2, host.GitHub.State.Deployments.ArchiveLinks.Count);
    }

    [Fact(Timeout = 60_000)]
    public async Task AFailedBuildNamesTheBuildAndItsLastLine()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (fay, _) = await host.AddDeployerAsync("fay", host.AddHerokuMember("fay@example.com"), cancellationToken);
        host.GitHub.State.Deployments.SetRef(DeployTargetsHost.ApiRepository, "broken");
        host.Heroku.State.Platform.FailNextBuild = " !     npm ERR! Missing script: \"build\"";

        var run = await host.RunTargetAsync(fay, "api", "staging", DeployAction.Deploy, cancellationToken, @ref: "broken");

        Assert.Equal("deploy.heroku-build-failed", run.Outcome.Error?.Code);
        Assert.Contains(host.Heroku.State.Platform.Builds[^1].Id.ToString(), run.Outcome.Error!.Detail, StringComparison.Ordinal);
        Assert.Contains(run.Progress.Lines, l => l.Contains("Missing script", StringComparison.Ordinal));
    }

    [Fact(Timeout = 60_000)]
    public async Task PromotionMovesStagingsReleaseToProductionWithTheRequestersOwnToken()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var account = host.AddHerokuMember("gus@example.com");
        var (gus, _) = await host.AddDeployerAsync("gus", account, cancellationToken);
        host.GitHub.State.Deployments.SetRef(DeployTargetsHost.ApiRepository, "release-2");
        var staged = await host.RunTargetAsync(gus, "api", "staging", DeployAction.Deploy, cancellationToken, @ref: "release-2");
        var stagedRelease = host.Heroku.State.Platform.ReleasesOf(host.Staging)[^1];

        var run = await host.RunTargetAsync(gus, "api", "production", DeployAction.Promote, cancellationToken, from: "staging");

        Assert.True(staged.Outcome.Succeeded, staged.Outcome.Error?.Detail);
        Assert.True(run.Outcome.Succeeded, run.Outcome.Error?.Detail);
        var promotion = host.Heroku.State.Platform.Promotions[^1];
        Assert.Equal(account, promotion.User);
        Assert.Equal(host.Staging, promotion.Source);
        Assert.Equal(stagedRelease, promotion.SourceRelease);
        var released = host.Heroku.State.Platform.ReleasesOf(host.Production)[^1];
        Assert.Equal(account, released.User);
        Assert.Equal(stagedRelease.Slug, released.Slug);
        Assert.Equal($"v{released.Version}", run.Outcome.Version);
        Assert.Equal(["Promoting", "Released"], run.Progress.Steps);
    }

    [Fact(Timeout = 60_000)]
    public async Task RollbackWithoutAReleaseGoesBackToTheOneBeforeTheCurrent()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var account = host.AddHerokuMember("hal@example.com");
        var (hal, _) = await host.AddDeployerAsync("hal", account, cancellationToken);
        host.GitHub.State.Deployments.SetRef(DeployTargetsHost.ApiRepository, "release-3");
        await host.RunTargetAsync(hal, "api", "staging", DeployAction.Deploy, cancellationToken, @ref: "release-3");
        await host.RunTargetAsync(hal, "api", "staging", DeployAction.Deploy, cancellationToken, @ref: "release-3");
        var before = host.Heroku.State.Platform.ReleasesOf(host.Staging)[^2];

        var run = await host.RunTargetAsync(hal, "api", "staging", DeployAction.Rollback, cancellationToken);

        Assert.True(run.Outcome.Succeeded, run.Outcome.Error?.Detail);
        var rollback = host.Heroku.State.Platform.ReleasesOf(host.Staging)[^1];
        Assert.Equal($"Rollback to v{before.Version}", rollback.Description);
        Assert.Equal(before.Slug, rollback.Slug);
        Assert.Equal(account, rollback.User);
        Assert.Equal($"v{rollback.Version}", run.Outcome.Version);
    }

    [Fact(Timeout = 60_000)]
    public async Task AnAccountThatIsNotACollaboratorGetsHerokusRefusalAndNothingIsBuilt()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (ida, _) = await host.AddDeployerAsync("ida", host.Heroku.State.AddAccount("ida@example.com"), cancellationToken);
        host.GitHub.State.Deployments.SetRef(DeployTargetsHost.ApiRepository, "main");
        var builds = host.Heroku.State.Platform.Builds.Count;

        var run = await host.RunTargetAsync(ida, "api", "staging", DeployAction.Deploy, cancellationToken, @ref: "main");

        Assert.Equal("deploy.heroku-forbidden", run.Outcome.Error?.Code);
        Assert.Contains("acme-api-staging", run.Outcome.Error!.Detail, StringComparison.Ordinal);
        Assert.Equal(builds, host.Heroku.State.Platform.Builds.Count);
    }

    [Fact(Timeout = 60_000)]
    public async Task ATokenHerokuRevokedIsAnUnauthorizedErrorThatSaysToReconnect()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var account = host.AddHerokuMember("jo@example.com");
        var (jo, _) = await host.AddDeployerAsync("jo", account, cancellationToken);
        host.Heroku.State.OAuth.Revoke(host.Heroku.State.OAuth.Grants.Single(g => g.User == account));

        var run = await host.RunTargetAsync(jo, "api", "staging", DeployAction.Rollback, cancellationToken);

        Assert.Equal("deploy.heroku-unauthorized", run.Outcome.Error?.Code);
        Assert.Contains("rolodex connect heroku", run.Outcome.Error!.Detail, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task APersonWhoNeverConnectedHerokuIsToldSo()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (kim, _) = await host.AddDeployerAsync("kim", heroku: null, cancellationToken);

        var run = await host.RunTargetAsync(kim, "api", "staging", DeployAction.Deploy, cancellationToken, @ref: "main");

        Assert.Equal("rolodex.not-connected", run.Outcome.Error?.Code);
    }

    [Fact(Timeout = 60_000)]
    public async Task StatusShowsTheLatestReleasesNewestFirstTheDynosAndTheAddOns()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (lee, _) = await host.AddDeployerAsync("lee", host.AddHerokuMember("lee@example.com"), cancellationToken);

        var status = await host.HerokuStatusAsync(lee, host.Production.Name, cancellationToken);

        Assert.Null(status.Error);
        var releases = host.Heroku.State.Platform.ReleasesOf(host.Production);
        Assert.Equal(releases.Reverse().Take(5).Select(r => $"v{r.Version}"), status.Releases.Select(r => r.Version));
        Assert.True(status.Releases[0].IsCurrent);
        var dyno = Assert.Single(status.Dynos);
        Assert.Equal(("web.1", "up", $"v{releases[^1].Version}"), (dyno.Name, dyno.State, dyno.Release));
        Assert.Equal("heroku-postgresql:essential-0", Assert.Single(status.AddOns).Plan);
    }
}
