using Switchboard.Testing;

namespace Switchboard.Cli.Tests.Watch;

public sealed class WatchTests : IClassFixture<SqliteHost>, IDisposable
{
    private readonly SqliteHost _host;
    private readonly Sb _sb = new();

    public WatchTests(SqliteHost host)
    {
        _host = host;
        _sb.Url = host.BaseAddress;
        _sb.Token = host.Admin.Token;
    }

    [Fact]
    public async Task PrintsWhatIsPostedAfterItStartedAndStopsAtTheCount()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await _host.RunAsAdminAsync("say #ops posted before anyone watched", cancellationToken);
        using var watch = _sb.Start(["watch", "ops", "--count", "1", "--interval", "0.1"]);
        await watch.WaitUntilWatchingAsync(cancellationToken);

        await _host.RunAsAdminAsync("say #ops the failover is done", cancellationToken);
        var result = await watch.WaitAsync(cancellationToken);

        Assert.True(result.ExitCode == 0, result.ToString());
        var line = Assert.Single(result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(@"^\d\d:\d\d:\d\d \S+: the failover is done$", line);
        Assert.Contains("@" + _host.Admin.Handle + ":", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownChannelExitsTwo()
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        var result = await _sb.RunAsync(["watch", "no-such-channel", "--count", "1"], cancellationToken);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("(channels.unknown-channel)", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _sb.Dispose();
}
