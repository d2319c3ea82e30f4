using System.Runtime.Versioning;
using Switchboard.Testing;

namespace Switchboard.Cli.Tests.Login;

public sealed class LoginTests(SqliteHost host) : IClassFixture<SqliteHost>, IDisposable
{
    private readonly Sb _sb = new();

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task StoresTheServerAndTokenInAFileOnlyTheUserCanRead()
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        var login = await _sb.RunAsync(["login", host.BaseAddress.ToString(), "--token", host.Admin.Token], cancellationToken);

        Assert.True(login.ExitCode == 0, login.ToString());
        Assert.Contains("Signed in", login.Output, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_sb.ConfigFile));
        var stored = await File.ReadAllTextAsync(_sb.ConfigFile, cancellationToken);
        Assert.Contains(host.Admin.Token, stored, StringComparison.Ordinal);
        Assert.Contains(host.BaseAddress.Authority, stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LaterRunsActWithTheStoredLogin()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await _sb.RunAsync(["login", host.BaseAddress.ToString(), "--token", host.Admin.Token], cancellationToken);

        var whoami = await _sb.RunAsync(["whoami"], cancellationToken);

        Assert.True(whoami.ExitCode == 0, whoami.ToString());
        Assert.Contains("admin@example.com", whoami.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesATokenTheServerRejectsStoresNothingAndDoesNotRepeatIt()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        const string Wrong = "swb_ThisTokenWasNeverIssuedByTheServer0000";

        var login = await _sb.RunAsync(["login", host.BaseAddress.ToString(), "--token", Wrong], cancellationToken);

        Assert.Equal(3, login.ExitCode);
        Assert.Contains("refused the token", login.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Wrong, login.Output + login.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_sb.ConfigFile));
    }

    public void Dispose() => _sb.Dispose();
}
