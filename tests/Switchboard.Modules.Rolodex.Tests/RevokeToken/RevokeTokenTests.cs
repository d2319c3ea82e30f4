using System.Net;
using Switchboard.Testing;

namespace Switchboard.Modules.Rolodex.Tests.RevokeToken;

/// <summary><c>token revoke</c>: the token stops working on the next request.</summary>
public abstract class RevokeTokenTests(SwitchboardHost host)
{
    [Fact]
    public async Task ARevokedTokenIsRefused()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("revoke-one", cancellationToken);
        var token = (await host.RunAsync(person, "token create laptop", cancellationToken)).Field("Token")!;

        var revoked = await host.RunAsync(person, "token revoke laptop", cancellationToken);

        Assert.True(revoked.IsSuccess, revoked.Detail);
        var refused = await host.RunAsync(person with { Token = token }, "whoami", cancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Equal("auth.token-revoked", refused.Code);
    }

    [Fact]
    public async Task RevokingOneTokenLeavesTheOthersWorking()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("revoke-some", cancellationToken);
        await host.RunAsync(person, "token create gone", cancellationToken);
        var kept = (await host.RunAsync(person, "token create kept", cancellationToken)).Field("Token")!;

        await host.RunAsync(person, "token revoke gone", cancellationToken);

        var me = await host.RunAsync(person with { Token = kept }, "whoami", cancellationToken);
        Assert.True(me.IsSuccess, me.Detail);
    }

    [Fact]
    public async Task TheNameOfARevokedTokenCanBeReused()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("revoke-reuse", cancellationToken);
        await host.RunAsync(person, "token create laptop", cancellationToken);
        await host.RunAsync(person, "token revoke laptop", cancellationToken);

        var recreated = await host.RunAsync(person, "token create laptop", cancellationToken);

        Assert.True(recreated.IsSuccess, recreated.Detail);
        var me = await host.RunAsync(person with { Token = recreated.Field("Token")! }, "whoami", cancellationToken);
        Assert.True(me.IsSuccess, me.Detail);
    }

    [Fact]
    public async Task RevokingATokenYouDoNotHaveIsNotFound()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("revoke-none", cancellationToken);

        var outcome = await host.RunAsync(person, "token revoke never-made", cancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, outcome.Status);
        Assert.Equal("rolodex.unknown-token", outcome.Code);
    }

    [Fact]
    public async Task NobodyCanRevokeSomeoneElsesToken()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var owner = await host.AddPersonAsync("revoke-owner", cancellationToken);
        var other = await host.AddPersonAsync("revoke-other", cancellationToken);
        var token = (await host.RunAsync(owner, "token create precious", cancellationToken)).Field("Token")!;

        var outcome = await host.RunAsync(other, "token revoke precious", cancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, outcome.Status);
        var me = await host.RunAsync(owner with { Token = token }, "whoami", cancellationToken);
        Assert.True(me.IsSuccess, me.Detail);
    }
}

public sealed class RevokeTokenOnSqliteTests(SqliteHost host) : RevokeTokenTests(host), IClassFixture<SqliteHost>;

public sealed class RevokeTokenOnPostgresTests(PostgresHost host) : RevokeTokenTests(host), IClassFixture<PostgresHost>;
