using System.Net;
using Microsoft.Extensions.Logging;
using Switchboard.Emulators.GitHub;
using Switchboard.Testing;
using static Switchboard.Modules.Notify.Tests.RedeliverMissedGitHubDeliveries.ReconcilerRounds;

namespace Switchboard.Modules.Notify.Tests.RedeliverMissedGitHubDeliveries;

/// <summary>A token GitHub refuses stops nothing but the reconciler, and the log says what to fix without showing the token.</summary>
public sealed class ABadReconcilerTokenTests(ABadReconcilerTokenTests.BadTokenHost host) : IClassFixture<ABadReconcilerTokenTests.BadTokenHost>
{
    [Fact]
    public async Task IsLoggedAsAnErrorThatNamesTheSettingAndTheServerCarriesOn()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var missed = await host.GitHub.DeliverFixtureAsync(host.Hook, "issues/opened.payload.json", cancellationToken);

        await NextAsync(host, cancellationToken);
        using var http = host.AnonymousClient();
        using var health = await http.GetAsync("/healthz", cancellationToken);

        var logs = host.Logs.GetSnapshot();
        var refusals = logs.Where(r => r.Level == LogLevel.Error && r.Id.Name == "ReconcilerRefused").ToList();
        Assert.Equal(2, refusals.Count);
        Assert.Contains($"{Repository}:{host.Hook.Id}", refusals[0].Message, StringComparison.Ordinal);
        Assert.Contains("notify.github-bad-credentials", refusals[0].Message, StringComparison.Ordinal);
        Assert.Contains("GitHub:Reconciler:Token", refusals[0].Message, StringComparison.Ordinal);
        Assert.DoesNotContain(logs, r => r.Message.Contains(BadTokenHost.Token, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Empty(RedeliveriesOf(host, host.Hook, missed));
    }

    /// <summary>A host whose reconciler token GitHub has never issued.</summary>
    public sealed class BadTokenHost : SqliteHost
    {
        public const string Token = "ghp_revokedLongAgo00000000000000000000000";

        public GitHubHook Hook { get; private set; } = null!;

        protected override IReadOnlyDictionary<string, string> Settings => ReconcilerRounds.Settings(Hook, Token);

        protected override void ArrangeOutsideWorld() =>
            Hook = GitHub.State.AddRepositoryHook(Repository, GitHub.UnreachableUrl, Secret, "issues");
    }
}
