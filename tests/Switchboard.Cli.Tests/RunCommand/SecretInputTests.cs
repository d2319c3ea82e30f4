using Switchboard.Testing;

namespace Switchboard.Cli.Tests.RunCommand;

/// <summary>
/// <c>sb vault set &lt;service&gt;</c>: the token comes from standard input, goes to the server beside the
/// command line, and appears in none of sb's output, the server's replies or its logs.
/// </summary>
public sealed class SecretInputTests : IClassFixture<SqliteHost>, IDisposable
{
    private readonly SqliteHost _host;
    private readonly Sb _sb = new();

    public SecretInputTests(SqliteHost host)
    {
        _host = host;
        _sb.Url = host.BaseAddress;
        _sb.Token = host.Admin.Token;
    }

    [Fact]
    public async Task VaultSetReadsTheTokenFromStandardInput()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var token = ServiceTokens.GitHub();

        var stored = await _sb.RunAsync(["vault", "set", "github", "--scope", "repo", "--plain"], cancellationToken, standardInput: token + "\n");
        var list = await _host.RunAsAdminAsync("vault list", cancellationToken);
        var audit = await _host.RunAsAdminAsync("audit tail --count 20", cancellationToken);

        Assert.True(stored.ExitCode == 0, stored.ToString());
        Assert.StartsWith("Keeping your github token in the vault", stored.Output, StringComparison.Ordinal);
        Assert.StartsWith("scopes repo;", list.Field("github"), StringComparison.Ordinal);
        Assert.Contains("cli <id> succeeded: vault set github --scope repo", Masks.Apply(audit.Text!), StringComparison.Ordinal);
        Assert.DoesNotContain(token, stored.Output + stored.Error + list.Body + audit.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(_host.Logs.GetSnapshot(), record => record.Message.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithNothingOnStandardInputSbSaysHowToGiveTheToken()
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        var refused = await _sb.RunAsync(["vault", "set", "heroku"], cancellationToken);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("needs a secret, and standard input had none", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATokenGivenAsAnArgumentIsRefusedAndNotRepeated()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var token = ServiceTokens.GitHub();

        var refused = await _sb.RunAsync(["vault", "set", "pagerduty", token], cancellationToken, standardInput: token + "\n");
        var list = await _host.RunAsAdminAsync("vault list", cancellationToken);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("(core.too-many-arguments)", refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(token, refused.Output + refused.Error, StringComparison.Ordinal);
        Assert.Null(list.Field("pagerduty"));
    }

    public void Dispose() => _sb.Dispose();
}
