using System.Net;
using Switchboard.Emulators.GitHub;
using Switchboard.Testing;
using static Switchboard.Modules.Notify.Tests.RedeliverMissedGitHubDeliveries.ReconcilerRounds;

namespace Switchboard.Modules.Notify.Tests.RedeliverMissedGitHubDeliveries;

/// <summary>
/// GitHub records the deliveries it could not make while Switchboard was down; the reconciler asks for
/// each of them again, once, and for nothing Switchboard already has.
/// </summary>
public sealed class RedeliverMissedGitHubDeliveriesTests(RedeliverMissedGitHubDeliveriesTests.ReconcilerHost host)
    : IClassFixture<RedeliverMissedGitHubDeliveriesTests.ReconcilerHost>
{
    [Fact]
    public async Task DeliveriesMissedWhileSwitchboardWasDownAreRedeliveredAndPostedOnce()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await StartedAsync(host, cancellationToken);
        await host.RunAsAdminAsync("subscribe github Codertocat/Hello-World issues pulls --in #ops", cancellationToken);
        host.Hook.Url = host.GitHub.UnreachableUrl;
        var issue = await host.GitHub.DeliverFixtureAsync(host.Hook, "issues/opened.payload.json", cancellationToken);
        var pull = await host.GitHub.DeliverFixtureAsync(host.Hook, "pull_request/opened.payload.json", cancellationToken);
        host.Hook.Url = HooksUrl(host);

        await NextAsync(host, cancellationToken);
        await MessagesEventuallyAsync(host, "ops", [IssueOpened, PullOpened], cancellationToken);
        await NextAsync(host, cancellationToken);
        await host.GitHub.RedeliveriesAttemptedAsync();

        Assert.Equal((0, "failed to connect"), (issue.StatusCode, issue.Status));
        Assert.Equal((0, "failed to connect"), (pull.StatusCode, pull.Status));
        var issueRedelivered = Assert.Single(RedeliveriesOf(host, host.Hook, issue));
        Assert.Equal((202, "OK"), (issueRedelivered.StatusCode, issueRedelivered.Status));
        Assert.Single(RedeliveriesOf(host, host.Hook, pull));
        var messages = await MessagesAsync(host, "ops", cancellationToken);
        Assert.Single(messages, m => m.StartsWith(IssueOpened, StringComparison.Ordinal));
        Assert.Single(messages, m => m.StartsWith(PullOpened, StringComparison.Ordinal));
    }

    [Fact]
    public async Task EachRedeliveryRequestIsAuditedAsTheServiceCredentialsNotAPersons()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await StartedAsync(host, cancellationToken);
        host.Hook.Url = host.GitHub.UnreachableUrl;
        var missed = await host.GitHub.DeliverFixtureAsync(host.Hook, "release/published.payload.json", cancellationToken);
        host.Hook.Url = HooksUrl(host);

        await NextAsync(host, cancellationToken);

        var audit = (await host.RunAsAdminAsync("audit tail --count 200", cancellationToken)).Text!;
        var entry = Assert.Single(audit.Split('\n'), line => line.Contains(missed.DeliveryGuid, StringComparison.Ordinal));
        Assert.Contains(" system - succeeded: GitHub reconciler (service credential GitHub:Reconciler:Token) asked GitHub to redeliver release", entry, StringComparison.Ordinal);
        Assert.DoesNotContain(ReconcilerHost.Token, audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEventAlreadyInTheLogIsNotAskedForAgain()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await StartedAsync(host, cancellationToken);
        host.Hook.Url = host.GitHub.UnreachableUrl;
        var failed = await host.GitHub.DeliverFixtureAsync(host.Hook, "issues/labeled.payload.json", cancellationToken);
        host.Hook.Url = HooksUrl(host);
        // Switchboard kept the event though GitHub recorded a failure, as when the answer came after GitHub stopped waiting.
        var kept = await PostAsGitHubSentItAsync(failed, cancellationToken);

        await NextAsync(host, cancellationToken);
        await host.GitHub.RedeliveriesAttemptedAsync();

        Assert.Equal(HttpStatusCode.Accepted, kept);
        Assert.Empty(RedeliveriesOf(host, host.Hook, failed));
    }

    private const string IssueOpened = "Codertocat opened issue [#1 Spelling error in the README file]";
    private const string PullOpened = "Codertocat opened pull request [#2 Update the README with new information.]";

    private async Task<HttpStatusCode> PostAsGitHubSentItAsync(HookDelivery delivery, CancellationToken cancellationToken)
    {
        using var http = host.AnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/github") { Content = new ByteArrayContent(delivery.Payload) };
        foreach (var (name, value) in delivery.RequestHeaders)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var response = await http.SendAsync(request, cancellationToken);
        return response.StatusCode;
    }

    /// <summary>A host reconciling one repository webhook with a token that administers it; the hook starts out unreachable.</summary>
    public sealed class ReconcilerHost : SqliteHost
    {
        public const string Token = "ghp_reconcilerServiceCredential0000000000";

        public GitHubHook Hook { get; private set; } = null!;

        protected override IReadOnlyDictionary<string, string> Settings => ReconcilerRounds.Settings(Hook, Token);

        protected override void ArrangeOutsideWorld()
        {
            GitHub.State.AddToken(Token, Repository);
            Hook = GitHub.State.AddRepositoryHook(Repository, GitHub.UnreachableUrl, Secret, "issues", "pull_request", "release");
        }
    }
}
