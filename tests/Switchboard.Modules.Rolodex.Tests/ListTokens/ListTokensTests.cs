using Switchboard.Testing;

namespace Switchboard.Modules.Rolodex.Tests.ListTokens;

/// <summary><c>token list</c>: names and prefixes of your tokens, never the tokens.</summary>
public abstract class ListTokensTests(SwitchboardHost host)
{
    [Fact]
    public async Task TokenListShowsTheNameAndPrefixButNeverTheToken()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("token-lister", cancellationToken);
        var token = (await host.RunAsync(person, "token create laptop", cancellationToken)).Field("Token")!;

        var listed = await host.RunAsync(person, "token list", cancellationToken);

        Assert.True(listed.IsSuccess, listed.Detail);
        Assert.StartsWith(token[..10], listed.Field("laptop"), StringComparison.Ordinal);
        Assert.DoesNotContain(token, listed.Body.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenListSaysWhichTokensAreReadOnly()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("token-scopes", cancellationToken);
        await host.RunAsync(person, "token create viewer --read-only", cancellationToken);

        var listed = await host.RunAsync(person, "token list", cancellationToken);

        Assert.Contains("read-only", listed.Field("viewer"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenListShowsOnlyTheCallersTokens()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var owner = await host.AddPersonAsync("token-owner", cancellationToken);
        var other = await host.AddPersonAsync("token-other", cancellationToken);
        await host.RunAsync(owner, "token create owners-only", cancellationToken);

        var listed = await host.RunAsync(other, "token list", cancellationToken);

        Assert.Null(listed.Field("owners-only"));
    }

    [Fact]
    public async Task ARevokedTokenIsNoLongerListed()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("token-tidier", cancellationToken);
        await host.RunAsync(person, "token create old-box", cancellationToken);
        await host.RunAsync(person, "token revoke old-box", cancellationToken);

        var listed = await host.RunAsync(person, "token list", cancellationToken);

        Assert.Null(listed.Field("old-box"));
    }
}

public sealed class ListTokensOnSqliteTests(SqliteHost host) : ListTokensTests(host), IClassFixture<SqliteHost>;

public sealed class ListTokensOnPostgresTests(PostgresHost host) : ListTokensTests(host), IClassFixture<PostgresHost>;
