using System.Net;

namespace Switchboard.Modules.Deploy.Tests.StartDeployment;

/// <summary>
/// Deploys through the real host and the script target, which runs <c>RunDeployment/deploy.sh</c> as a real process:
/// the reply at once, the run in the background, its output kept and posted, and every refusal that says what to do.
/// </summary>
public sealed class StartDeploymentTests(DeploySqliteHost host) : IClassFixture<DeploySqliteHost>
{
    [Fact]
    public async Task DeployApiToStagingRunsTheScriptAsTheRequesterAndKeepsItsOutput()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await DeployHost.ArrangeCatalogAsync(host, cancellationToken);
        var alice = await DeployHost.MemberAsync(host, "run-alice", cancellationToken);

        var asked = await host.RunAsync(alice, "deploy api to staging", cancellationToken);
        var id = DeployHost.NumberIn(asked);
        var shown = await DeployHost.EndedAsync(host, alice, id, cancellationToken);
        var listed = await host.RunAsync(alice, "deploys api", cancellationToken);
        var status = await host.RunAsync(alice, "status api", cancellationToken);
        var posted = await DeployHost.MessagesAsync(host, "payments", $"#{id}: api@main to staging succeeded", cancellationToken);
        var changes = await DeployHost.MessagesAsync(host, "changes", $"Change: api@main to staging succeeded", cancellationToken);

        Assert.Equal($"Deploying api@main to staging\nDeployment: #{id}", asked.Text);
        Assert.Contains($"#{id}: api@main to staging succeeded (main)", shown.Text, StringComparison.Ordinal);
        Assert.Contains($"Deploying api@main to staging as run-alice (deployment {id}, deploy)\n== Migrating\n", shown.Text, StringComparison.Ordinal);
        Assert.Contains("\nwarming caches\n", shown.Text, StringComparison.Ordinal);
        Assert.Contains("\ndone", shown.Text, StringComparison.Ordinal);
        Assert.Contains($"#{id} api@main to staging by @run-alice", listed.Text, StringComparison.Ordinal);
        Assert.Contains("Nobody is deploying api right now.", listed.Text, StringComparison.Ordinal);
        Assert.Contains($"main since", status.Text, StringComparison.Ordinal);
        var live = Assert.Single(posted, m => m.Contains($"#{id}: Deploying api@main to staging for @run-alice", StringComparison.Ordinal));
        Assert.Contains("succeeded (main)", live, StringComparison.Ordinal);
        Assert.Contains("Migrating", live, StringComparison.Ordinal);
        Assert.Contains(posted, m => m.Contains("warming caches", StringComparison.Ordinal));
        Assert.Contains(posted, m => m.Contains($"#{id}: api@main to staging succeeded", StringComparison.Ordinal));
        Assert.Contains(changes, m => m.Contains("Change: api@main to staging succeeded", StringComparison.Ordinal) && m.Contains("@run-alice", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AScriptThatExitsWithAnErrorFailsTheDeploymentAndShowsItsOutput()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await DeployHost.ArrangeCatalogAsync(host, cancellationToken);
        var bob = await DeployHost.MemberAsync(host, "fail-bob", cancellationToken);

        var id = DeployHost.NumberIn(await host.RunAsync(bob, "deploy api@broken to staging", cancellationToken));
        var shown = await DeployHost.EndedAsync(host, bob, id, cancellationToken);
        var audit = await host.RunAsAdminAsync("audit tail --count 30", cancellationToken);

        Assert.Contains($"#{id}: api@broken to staging failed: The deploy script exited with code 1", shown.Text, StringComparison.Ordinal);
        Assert.Contains("migration 42 failed", shown.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("\ndone", shown.Text, StringComparison.Ordinal);
        Assert.Contains($"{bob.Id} succeeded: deploy api@broken to staging", audit.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OneDeploymentOfAnEnvironmentAtATimeAndEveryoneSeesWhoIsDeploying()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await DeployHost.ArrangeCatalogAsync(host, cancellationToken);
        var carol = await DeployHost.MemberAsync(host, "busy-carol", cancellationToken);
        var dave = await DeployHost.MemberAsync(host, "busy-dave", cancellationToken);

        var id = DeployHost.NumberIn(await host.RunAsync(carol, "deploy api@held to staging", cancellationToken));
        var second = await host.RunAsync(dave, "deploy api to staging", cancellationToken);
        var listed = await host.RunAsync(dave, "deploys api --env staging", cancellationToken);
        await DeployHost.ReleaseAsync(host, id, cancellationToken);
        var shown = await DeployHost.EndedAsync(host, carol, id, cancellationToken);
        var after = await host.RunAsync(dave, "deploy api to staging", cancellationToken);
        await DeployHost.EndedAsync(host, dave, DeployHost.NumberIn(after), cancellationToken);

        Assert.Equal((HttpStatusCode.Conflict, "deploy.in-progress"), (second.Status, second.Code));
        Assert.Contains("`deploys api --env staging` shows it", second.Detail, StringComparison.Ordinal);
        Assert.Contains($"Deploying right now:\n#{id} api@held to staging by @busy-carol", listed.Text, StringComparison.Ordinal);
        Assert.Contains("succeeded", shown.Text, StringComparison.Ordinal);
        Assert.True(after.IsSuccess, after.Detail);
    }

    [Fact]
    public async Task ALockHeldBySomeoneElseStopsADeployAndSaysWhomToAsk()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await DeployHost.ArrangeCatalogAsync(host, cancellationToken);
        var erin = await DeployHost.MemberAsync(host, "lock-erin", cancellationToken);
        var frank = await DeployHost.MemberAsync(host, "lock-frank", cancellationToken);

        var locked = await host.RunAsync(erin, "lock api staging testing the new queue", cancellationToken);
        var refused = await host.RunAsync(frank, "deploy api to staging", cancellationToken);
        var locks = await host.RunAsync(frank, "locks", cancellationToken);
        var notYours = await host.RunAsync(frank, "unlock api staging", cancellationToken);
        var ownDeploy = await host.RunAsync(erin, "deploy api to staging", cancellationToken);
        await DeployHost.EndedAsync(host, erin, DeployHost.NumberIn(ownDeploy), cancellationToken);
        var unlocked = await host.RunAsync(erin, "unlock api staging", cancellationToken);
        var allowed = await host.RunAsync(frank, "deploy api to staging", cancellationToken);
        await DeployHost.EndedAsync(host, frank, DeployHost.NumberIn(allowed), cancellationToken);

        Assert.True(locked.IsSuccess, locked.Detail);
        Assert.Equal((HttpStatusCode.Conflict, "deploy.locked"), (refused.Status, refused.Code));
        Assert.StartsWith("@lock-erin holds api in staging since", refused.Detail, StringComparison.Ordinal);
        Assert.EndsWith("(testing the new queue): ask them to `unlock api staging` when they are done.", refused.Detail, StringComparison.Ordinal);
        Assert.Contains("Locked: api in staging by @lock-erin", locks.Text, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Forbidden, "deploy.lock-not-yours"), (notYours.Status, notYours.Code));
        Assert.Equal("Released your lock on api in staging.", unlocked.Text);
    }

    [Fact]
    public async Task AFreezeStopsDeploysUntilWhoeverFrozeItLiftsIt()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await DeployHost.ArrangeCatalogAsync(host, cancellationToken);
        var grace = await DeployHost.MemberAsync(host, "freeze-grace", cancellationToken);
        var heidi = await DeployHost.MemberAsync(host, "freeze-heidi", cancellationToken);

        var frozen = await host.RunAsync(grace, "freeze staging end of quarter --until 2h", cancellationToken);
        var refused = await host.RunAsync(heidi, "deploy api to staging", cancellationToken);
        var notHers = await host.RunAsync(heidi, "unfreeze staging", cancellationToken);
        var locks = await host.RunAsync(heidi, "locks", cancellationToken);
        var lifted = await host.RunAsync(grace, "unfreeze staging", cancellationToken);
        var allowed = await host.RunAsync(heidi, "deploy api to staging", cancellationToken);
        await DeployHost.EndedAsync(host, heidi, DeployHost.NumberIn(allowed), cancellationToken);

        Assert.True(frozen.IsSuccess, frozen.Detail);
        Assert.Equal((HttpStatusCode.Conflict, "deploy.frozen"), (refused.Status, refused.Code));
        Assert.Equal("Deploys to environment staging are frozen by @freeze-grace (end of quarter) until 2026-11-25 11:00Z: wait, or ask them to `unfreeze`.", refused.Detail);
        Assert.Equal((HttpStatusCode.Forbidden, "deploy.freeze-not-yours"), (notHers.Status, notHers.Code));
        Assert.Contains("Frozen: environment staging by @freeze-grace until 2026-11-25 11:00Z (end of quarter)", locks.Text, StringComparison.Ordinal);
        Assert.True(lifted.IsSuccess, lifted.Detail);
    }

    [Fact]
    public async Task ProductionWaitsForALeadsApprovalAndASecondFactorBeforeAnythingRuns()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await DeployHost.ArrangeCatalogAsync(host, cancellationToken);
        var ivan = await DeployHost.MemberAsync(host, "prod-ivan", cancellationToken);
        var lead = await DeployHost.MemberAsync(host, "prod-lead", cancellationToken, role: "lead");
        await DeployHost.EndedAsync(host, ivan, DeployHost.NumberIn(await host.RunAsync(ivan, "deploy api@v2 to staging", cancellationToken)), cancellationToken);

        var asked = await host.RunAsync(ivan, "promote api staging to production", cancellationToken);
        var number = asked.Detail is { } detail ? detail[(detail.IndexOf("request ", StringComparison.Ordinal) + 8)..].Split(',')[0] : "";
        var approved = await host.RunAsync(lead, $"approve {number}", cancellationToken);
        var production = await host.RunAsync(ivan, "deploys api --env production", cancellationToken);

        Assert.Equal((HttpStatusCode.Forbidden, "core.approval-required"), (asked.Status, asked.Code));
        Assert.Contains("promote needs the approval of another lead of team payments.", asked.Detail, StringComparison.Ordinal);
        Assert.Contains("core.verification-required", approved.Body.ToString(), StringComparison.Ordinal);
        Assert.Equal("No deployments of api in production yet.", production.Text);
    }

    [Fact]
    public async Task AWrongWordOrNameIsRefusedWithWhatWouldWork()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await DeployHost.ArrangeCatalogAsync(host, cancellationToken);
        var judy = await DeployHost.MemberAsync(host, "bad-judy", cancellationToken);

        var noTo = await host.RunAsync(judy, "deploy api into staging", cancellationToken);
        var unknownApp = await host.RunAsync(judy, "deploy nope to staging", cancellationToken);
        var unknownEnvironment = await host.RunAsync(judy, "deploy api to qa", cancellationToken);
        var emptyRef = await host.RunAsync(judy, "deploy api@ to staging", cancellationToken);
        var unknownDeployment = await host.RunAsync(judy, "deploys show 99999", cancellationToken);
        var unknownFreeze = await host.RunAsync(judy, "freeze nowhere", cancellationToken);
        var badUntil = await host.RunAsync(judy, "freeze staging --until yesterday", cancellationToken);
        var backwards = await host.RunAsync(judy, "promote api production to staging", cancellationToken);

        Assert.Equal((HttpStatusCode.BadRequest, "deploy.expected-to"), (noTo.Status, noTo.Code));
        Assert.Equal((HttpStatusCode.NotFound, "deploy.unknown-app"), (unknownApp.Status, unknownApp.Code));
        Assert.Contains("(there are api, web)", unknownApp.Detail, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.NotFound, "deploy.unknown-environment"), (unknownEnvironment.Status, unknownEnvironment.Code));
        Assert.Equal((HttpStatusCode.BadRequest, "deploy.invalid-ref"), (emptyRef.Status, emptyRef.Code));
        Assert.Equal((HttpStatusCode.NotFound, "deploy.unknown-deployment"), (unknownDeployment.Status, unknownDeployment.Code));
        Assert.Equal((HttpStatusCode.NotFound, "deploy.unknown-freeze-target"), (unknownFreeze.Status, unknownFreeze.Code));
        Assert.Equal((HttpStatusCode.BadRequest, "deploy.invalid-until"), (badUntil.Status, badUntil.Code));
        Assert.Equal((HttpStatusCode.BadRequest, "deploy.not-in-pipeline"), (backwards.Status, backwards.Code));
    }

    [Fact]
    public async Task RequiredCiNeedsTheRequestersGitHubAccount()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await DeployHost.ArrangeCatalogAsync(host, cancellationToken);
        var kim = await DeployHost.MemberAsync(host, "ci-kim", cancellationToken);

        var refused = await host.RunAsync(kim, "deploy web to staging", cancellationToken);
        var outsider = await host.AddPersonAsync("ci-outsider", cancellationToken);
        var notInTeam = await host.RunAsync(outsider, "deploy api to staging", cancellationToken);

        Assert.Equal((HttpStatusCode.Forbidden, "deploy.github-not-connected"), (refused.Status, refused.Code));
        Assert.Contains("run `rolodex connect github`, then ask again", refused.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, notInTeam.Status);
    }
}
