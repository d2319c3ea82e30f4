using System.Net;
using Switchboard.Testing;

namespace Switchboard.Modules.Deploy.Tests.StartDeployment;

/// <summary>
/// Two server processes on one PostgreSQL database, as a deployment at scale runs: two people ask each its own server
/// to deploy the same app to the same environment at the same moment, and exactly one deployment proceeds.
/// </summary>
public sealed class TwoServersTests(TwoServersTests.TwoServers servers) : IClassFixture<TwoServersTests.TwoServers>
{
    [Fact]
    public async Task TwoPeopleAtTheSameMomentOnTwoServersAndExactlyOneDeploys()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await DeployHost.ArrangeCatalogAsync(servers.First, cancellationToken);
        var alice = await DeployHost.MemberAsync(servers.First, "race-alice", cancellationToken);
        var bob = await DeployHost.MemberAsync(servers.First, "race-bob", cancellationToken);

        for (var round = 0; round < 3; round++)
        {
            var asked = await Task.WhenAll(
                servers.First.RunAsync(alice, "deploy api@held to staging", cancellationToken),
                servers.Second.RunAsync(bob, "deploy api@held to staging", cancellationToken));

            var proceeded = Assert.Single(asked, a => a.IsSuccess);
            var refused = Assert.Single(asked, a => !a.IsSuccess);
            Assert.Equal((HttpStatusCode.Conflict, "deploy.in-progress"), (refused.Status, refused.Code));
            var id = DeployHost.NumberIn(proceeded);
            var running = await servers.Second.RunAsync(bob, "deploys api --env staging", cancellationToken);
            Assert.Contains($"Deploying right now:\n#{id} api@held to staging", running.Text, StringComparison.Ordinal);
            // Either server's runner may be running it, each with its own release directory.
            await DeployHost.ReleaseAsync(servers.First, id, cancellationToken);
            await DeployHost.ReleaseAsync(servers.Second, id, cancellationToken);
            Assert.Contains("succeeded", (await DeployHost.EndedAsync(servers.First, alice, id, cancellationToken)).Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ADoubleClickedDeployButtonDeploysOnce()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await DeployHost.ArrangeCatalogAsync(servers.First, cancellationToken);
        var carol = await DeployHost.MemberAsync(servers.First, "click-carol", cancellationToken);

        var first = await servers.First.RunAsync(carol, "deploy api@v7 to staging", cancellationToken, idempotencyKey: "deploy-button-7");
        var again = await servers.Second.RunAsync(carol, "deploy api@v7 to staging", cancellationToken, idempotencyKey: "deploy-button-7");
        await DeployHost.EndedAsync(servers.First, carol, DeployHost.NumberIn(first), cancellationToken);
        var listed = await servers.First.RunAsync(carol, "deploys api --env staging", cancellationToken);

        Assert.Equal(first.Text, again.Text);
        Assert.Single(listed.Text!.Split('\n'), line => line.Contains("api@v7 to staging", StringComparison.Ordinal));
    }

    /// <summary>Two hosts on one new database of the assembly's PostgreSQL server; the first makes the schema and the administrator.</summary>
    public sealed class TwoServers(PostgresServer server) : IAsyncLifetime
    {
        public SwitchboardHost First { get; private set; } = null!;

        public SwitchboardHost Second { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            var database = await server.CreateDatabaseAsync();
            First = new OnDatabase(database);
            await First.InitializeAsync();
            Second = new OnDatabase(database);
            await Second.InitializeAsync();
        }

        public async ValueTask DisposeAsync()
        {
            await Second.DisposeAsync();
            await First.DisposeAsync();
        }
    }

    private sealed class OnDatabase(string connectionString) : SwitchboardHost
    {
        protected override string Provider => "Postgres";

        protected override IReadOnlyDictionary<string, string> Settings { get; } = DeployHost.Settings();

        protected override Task<string> CreateDatabaseAsync() => Task.FromResult(connectionString);
    }
}
