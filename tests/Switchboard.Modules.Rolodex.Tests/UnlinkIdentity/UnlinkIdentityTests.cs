using System.Net;
using Switchboard.Testing;

namespace Switchboard.Modules.Rolodex.Tests.UnlinkIdentity;

/// <summary><c>rolodex unlink</c>: removes a linked account.</summary>
public abstract class UnlinkIdentityTests(SwitchboardHost host)
{
    [Fact]
    public async Task UnlinkingRemovesTheAccountFromTheCard()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("unlinker", cancellationToken);
        await host.RunAsync(person, "rolodex link github unlinker-gh", cancellationToken);

        var unlinked = await host.RunAsync(person, "rolodex unlink github unlinker-gh", cancellationToken);

        Assert.True(unlinked.IsSuccess, unlinked.Detail);
        var me = await host.RunAsync(person, "whoami", cancellationToken);
        Assert.Null(me.Field("github"));
    }

    [Fact]
    public async Task UnlinkingTwiceIsNotFoundTheSecondTime()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("twice-unlinker", cancellationToken);
        await host.RunAsync(person, "rolodex link github twice-gh", cancellationToken);
        await host.RunAsync(person, "rolodex unlink github twice-gh", cancellationToken);

        var outcome = await host.RunAsync(person, "rolodex unlink github twice-gh", cancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, outcome.Status);
        Assert.Equal("rolodex.identity-not-linked", outcome.Code);
    }

    [Fact]
    public async Task UnlinkingFreesTheAccountForSomeoneElse()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var first = await host.AddPersonAsync("leaver", cancellationToken);
        var second = await host.AddPersonAsync("taker", cancellationToken);
        await host.RunAsync(first, "rolodex link github handed-over", cancellationToken);
        await host.RunAsync(first, "rolodex unlink github handed-over", cancellationToken);

        var outcome = await host.RunAsync(second, "rolodex link github handed-over", cancellationToken);

        Assert.True(outcome.IsSuccess, outcome.Detail);
    }

    [Fact]
    public async Task APersonWhoIsNotAnAdminCannotUnlinkSomeoneElse()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var owner = await host.AddPersonAsync("kept", cancellationToken);
        var other = await host.AddPersonAsync("snatcher", cancellationToken);
        await host.RunAsync(owner, "rolodex link github kept-gh", cancellationToken);

        var outcome = await host.RunAsync(other, "rolodex unlink github kept-gh --for @kept", cancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, outcome.Status);
        Assert.Equal("core.permission-denied", outcome.Code);
    }
}

public sealed class UnlinkIdentityOnSqliteTests(SqliteHost host) : UnlinkIdentityTests(host), IClassFixture<SqliteHost>;

public sealed class UnlinkIdentityOnPostgresTests(PostgresHost host) : UnlinkIdentityTests(host), IClassFixture<PostgresHost>;
