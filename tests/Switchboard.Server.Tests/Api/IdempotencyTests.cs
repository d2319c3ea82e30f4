using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Api;

/// <summary>The same Idempotency-Key runs a command once: a double click never posts, or deploys, twice.</summary>
public abstract class IdempotencyTests(SwitchboardHost host)
{
    [Fact]
    public async Task ARepeatedKeyReturnsTheFirstReplyWithoutRunningAgain()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("channel create once", cancellationToken);

        var first = await host.RunAsync(host.Admin, "say #once deploy finished", cancellationToken, idempotencyKey: "click-1");
        var second = await host.RunAsync(host.Admin, "say #once deploy finished", cancellationToken, idempotencyKey: "click-1");

        Assert.True(first.IsSuccess);
        Assert.Equal(first.Body.ToString(), second.Body.ToString());
        Assert.Single(await MessagesAsync("once", cancellationToken));
    }

    [Fact]
    public async Task ConcurrentRequestsWithOneKeyPostOnce()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("channel create racing", cancellationToken);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            host.RunAsync(host.Admin, "say #racing only once", cancellationToken, idempotencyKey: "double-click")));

        Assert.All(outcomes, o => Assert.True(o.IsSuccess || o.Code == "core.request-in-progress", $"{o.Status} {o.Code}"));
        Assert.Contains(outcomes, o => o.IsSuccess);
        Assert.Single(await MessagesAsync("racing", cancellationToken));
    }

    [Fact]
    public async Task AKeyReusedForAnotherCommandIsAConflict()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsync(host.Admin, "say #ops first", cancellationToken, idempotencyKey: "reused");

        var outcome = await host.RunAsync(host.Admin, "say #ops second", cancellationToken, idempotencyKey: "reused");

        Assert.Equal(HttpStatusCode.Conflict, outcome.Status);
        Assert.Equal("core.idempotency-key-reused", outcome.Code);
    }

    [Fact]
    public async Task KeysBelongToOnePerson()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var other = await host.AddPersonAsync("keyholder", cancellationToken);
        await host.RunAsAdminAsync("channel create shared-keys", cancellationToken);

        await host.RunAsync(host.Admin, "say #shared-keys from the admin", cancellationToken, idempotencyKey: "same-key");
        var theirs = await host.RunAsync(other, "say #shared-keys from someone else", cancellationToken, idempotencyKey: "same-key");

        Assert.True(theirs.IsSuccess);
        Assert.Equal(2, (await MessagesAsync("shared-keys", cancellationToken)).Count);
    }

    [Fact]
    public async Task ARepeatOfTokenCreateSaysItRanWithoutShowingTheTokenAgain()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("repeater", cancellationToken);

        var first = await host.RunAsync(person, "token create once-only", cancellationToken, idempotencyKey: "token-key");
        var again = await host.RunAsync(person, "token create once-only", cancellationToken, idempotencyKey: "token-key");

        Assert.StartsWith("swb_", first.Field("Token"), StringComparison.Ordinal);
        Assert.True(again.IsSuccess);
        Assert.Null(again.Field("Token"));
        Assert.DoesNotContain("swb_", again.Body.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARepeatIsCheckedAgainstTheCredentialThatSendsIt()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("replayer", cancellationToken);
        await host.RunAsync(person, "channel create replayed", cancellationToken, idempotencyKey: "write-key");
        var reader = await host.TokenForAsync("replayer", Core.Commands.ActorAccess.ReadOnly, cancellationToken);

        var replay = await host.RunAsync(reader, "channel create replayed", cancellationToken, idempotencyKey: "write-key");

        Assert.Equal(HttpStatusCode.Forbidden, replay.Status);
        Assert.Equal("core.read-only-credential", replay.Code);
    }

    private async Task<List<JsonElement>> MessagesAsync(string channel, CancellationToken cancellationToken)
    {
        using var client = host.ApiClient(host.Admin);
        var messages = await client.GetFromJsonAsync<JsonElement>($"/api/channels/{channel}/messages", cancellationToken);
        return messages.EnumerateArray().ToList();
    }
}

public sealed class IdempotencyOnSqliteTests(SqliteHost host) : IdempotencyTests(host), IClassFixture<SqliteHost>;

public sealed class IdempotencyOnPostgresTests(PostgresHost host) : IdempotencyTests(host), IClassFixture<PostgresHost>;
