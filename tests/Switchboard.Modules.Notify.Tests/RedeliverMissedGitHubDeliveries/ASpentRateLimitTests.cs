using System.Globalization;
using Microsoft.Extensions.Logging;
using Switchboard.Emulators.GitHub;
using Switchboard.Testing;
using static Switchboard.Modules.Notify.Tests.RedeliverMissedGitHubDeliveries.ReconcilerRounds;

namespace Switchboard.Modules.Notify.Tests.RedeliverMissedGitHubDeliveries;

/// <summary>When GitHub's rate limit for the token is spent, the reconciler says until when, waits, and then catches up.</summary>
public sealed class ASpentRateLimitTests(ASpentRateLimitTests.SpentTokenHost host) : IClassFixture<ASpentRateLimitTests.SpentTokenHost>
{
    [Fact]
    public async Task PausesTheReconcilerUntilGitHubResetsItAndThenMissedDeliveriesAreAskedFor()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await StartedAsync(host, cancellationToken);
        var resetsAt = host.Token.ResetsAt;
        var missed = await host.GitHub.DeliverFixtureAsync(host.Hook, "issues/opened.payload.json", cancellationToken);
        host.Hook.Url = HooksUrl(host);

        await NextAsync(host, cancellationToken);
        var whileSpent = RedeliveriesOf(host, host.Hook, missed).Count;
        await NextAsync(host, cancellationToken, by: resetsAt - host.Clock.GetUtcNow());
        await host.GitHub.RedeliveriesAttemptedAsync();

        var warning = Assert.Single(host.Logs.GetSnapshot(), r => r.Id.Name == "ReconcilerRateLimited");
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal(resetsAt, DateTimeOffset.Parse(warning.GetStructuredStateValue("RetryAt")!, CultureInfo.InvariantCulture));
        Assert.Equal(0, whileSpent);
        Assert.Single(RedeliveriesOf(host, host.Hook, missed));
    }

    /// <summary>A host whose reconciler token has no requests left this hour.</summary>
    public sealed class SpentTokenHost : SqliteHost
    {
        public GitHubToken Token { get; private set; } = null!;

        public GitHubHook Hook { get; private set; } = null!;

        protected override IReadOnlyDictionary<string, string> Settings => ReconcilerRounds.Settings(Hook, Token.Value);

        protected override void ArrangeOutsideWorld()
        {
            Token = GitHub.State.AddToken("ghp_busyBusyBusy000000000000000000000000", Repository);
            Token.Remaining = 0;
            Hook = GitHub.State.AddRepositoryHook(Repository, GitHub.UnreachableUrl, Secret, "issues");
        }
    }
}
