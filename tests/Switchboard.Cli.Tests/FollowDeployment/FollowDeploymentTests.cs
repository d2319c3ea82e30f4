using System.Text.RegularExpressions;
using Switchboard.Testing;

namespace Switchboard.Cli.Tests.FollowDeployment;

/// <summary>
/// <c>sb deploy</c> against the real host, whose app <c>api</c> deploys through the script target, a real shell command
/// that prints a step and its output and fails for the ref <c>broken</c>: sb follows the deployment to its end and
/// exits with its outcome. Output is piped here, so sb prints line by line, as in a CI log.
/// </summary>
public sealed partial class FollowDeploymentTests(DeployingHost host) : IClassFixture<DeployingHost>, IDisposable
{
    private readonly Sb _sb = new() { Url = host.BaseAddress };

    [Fact]
    public async Task ASucceedingDeployShowsItsStepsAndOutputAndExitsZero()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        _sb.Token = (await host.DeployerAsync("follow-ana", cancellationToken)).Token;

        var deployed = await _sb.RunAsync(["deploy", "api@v1.4.2", "to", "staging"], cancellationToken);

        Assert.True(deployed.ExitCode == 0, deployed.ToString());
        var id = NumberIn(deployed.Output);
        Assert.StartsWith(
            $"Deploying api@v1.4.2 to staging\nDeployment: #{id}\n"
            + $"Deploying api@v1.4.2 to staging as follow-ana\n== Migrating\ndone\n#{id}: api@v1.4.2 to staging succeeded",
            deployed.Output,
            StringComparison.Ordinal);
        Assert.Equal("", deployed.Error);
    }

    [Fact]
    public async Task AFailingDeployShowsItsOutputAndExitsFiveWithTheFailure()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        _sb.Token = (await host.DeployerAsync("follow-ben", cancellationToken)).Token;

        var deployed = await _sb.RunAsync(["deploy", "api@broken", "to", "staging"], cancellationToken);

        Assert.True(deployed.ExitCode == 5, deployed.ToString());
        var id = NumberIn(deployed.Output);
        Assert.EndsWith("== Migrating\nmigration 42 failed\n", deployed.Output, StringComparison.Ordinal);
        Assert.StartsWith($"#{id}: api@broken to staging failed: The deploy script exited with code 1", deployed.Error, StringComparison.Ordinal);
        Assert.EndsWith("(deploy.script-failed)", deployed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADeployRefusedByALockExitsWithTheRefusalsCodeAndMessage()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var holder = await host.DeployerAsync("follow-cleo", cancellationToken);
        _sb.Token = (await host.DeployerAsync("follow-dan", cancellationToken)).Token;
        var locked = await host.RunAsync(holder, "lock api qa trying the new queue", cancellationToken);

        var refused = await _sb.RunAsync(["deploy", "api", "to", "qa"], cancellationToken);

        Assert.True(locked.IsSuccess, locked.Detail);
        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Equal("", refused.Output);
        Assert.Contains(": @follow-cleo holds api in qa since", refused.Error, StringComparison.Ordinal);
        Assert.EndsWith("(deploy.locked)", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoFollowReturnsWithTheReplyAlone()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        _sb.Token = (await host.DeployerAsync("follow-eve", cancellationToken)).Token;

        var detached = await _sb.RunAsync(["deploy", "api", "to", "review", "--no-follow"], cancellationToken);

        Assert.True(detached.ExitCode == 0, detached.ToString());
        Assert.Equal($"Deploying api@main to review\nDeployment: #{NumberIn(detached.Output)}\n", detached.Output);
    }

    public void Dispose() => _sb.Dispose();

    private static long NumberIn(string output) => long.Parse(DeploymentNumber().Match(output).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^Deployment: #(\d+)$", RegexOptions.Multiline)]
    private static partial Regex DeploymentNumber();
}

/// <summary>The real host with app <c>api</c>, owned by service <c>api</c> of team <c>payments</c>, in environments staging, review and qa.</summary>
public sealed class DeployingHost : SqliteHost
{
    private const string Script = """
        echo "Deploying $SWITCHBOARD_APP@$SWITCHBOARD_REF to $SWITCHBOARD_ENVIRONMENT as $SWITCHBOARD_PERSON"
        echo "-----> Migrating"
        if [ "$SWITCHBOARD_REF" = "broken" ]; then echo "migration 42 failed"; exit 1; fi
        echo "done"
        """;

    private bool _arranged;

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Deploy:Apps:api:Service"] = "api",
        ["Deploy:Apps:api:Environments:staging:Target"] = "script",
        ["Deploy:Apps:api:Environments:staging:Command"] = Script,
        ["Deploy:Apps:api:Environments:review:Target"] = "script",
        ["Deploy:Apps:api:Environments:review:Command"] = Script,
        ["Deploy:Apps:api:Environments:qa:Target"] = "script",
        ["Deploy:Apps:api:Environments:qa:Command"] = Script,
    };

    /// <summary>Someone in team <c>payments</c>, who may deploy <c>api</c>.</summary>
    public async Task<TestPerson> DeployerAsync(string handle, CancellationToken cancellationToken)
    {
        if (!_arranged)
        {
            await RunAsAdminAsync("team create payments", cancellationToken);
            await RunAsAdminAsync("channel create payments", cancellationToken);
            await RunAsAdminAsync("service create api --team payments --channel #payments", cancellationToken);
            _arranged = true;
        }

        var person = await AddPersonAsync(handle, cancellationToken);
        await RunAsAdminAsync($"team add payments @{handle} --role member", cancellationToken);
        return person;
    }
}
