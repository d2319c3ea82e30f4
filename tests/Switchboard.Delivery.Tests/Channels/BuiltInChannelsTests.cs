using System.Net;
using System.Net.Http.Json;
using Switchboard.Testing;

namespace Switchboard.Delivery.Tests.Channels;

/// <summary>Reading a built-in channel over <c>GET /api/channels/{channel}/messages</c>.</summary>
public abstract class BuiltInChannelsTests(SwitchboardHost host)
{
    [Fact]
    public async Task MessagesComeOldestFirst()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("channel create ordered", cancellationToken);
        await host.RunAsAdminAsync("say #ordered first", cancellationToken);
        await host.RunAsAdminAsync("say #ordered second", cancellationToken);

        var messages = await ReadAsync("/api/channels/ordered/messages", cancellationToken);

        Assert.Equal(["first", "second"], messages.Select(m => m.Text));
    }

    [Fact]
    public async Task PagingAfterAMessageReturnsOnlyNewerMessages()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("channel create paged", cancellationToken);
        await host.RunAsAdminAsync("say #paged already read", cancellationToken);
        var seen = await ReadAsync("/api/channels/paged/messages", cancellationToken);
        await host.RunAsAdminAsync("say #paged news", cancellationToken);

        var newer = await ReadAsync($"/api/channels/paged/messages?after={seen[^1].Id}", cancellationToken);

        Assert.Equal("news", Assert.Single(newer).Text);
    }

    [Fact]
    public async Task TheLimitCapsHowManyMessagesComeBack()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("channel create limited", cancellationToken);
        await host.RunAsAdminAsync("say #limited one", cancellationToken);
        await host.RunAsAdminAsync("say #limited two", cancellationToken);

        var page = await ReadAsync("/api/channels/limited/messages?limit=1", cancellationToken);

        Assert.Equal("one", Assert.Single(page).Text);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(501)]
    public async Task ALimitOutsideOneToFiveHundredIsABadRequest(int limit)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = host.ApiClient(host.Admin);

        using var response = await client.GetAsync($"/api/channels/ops/messages?limit={limit}", cancellationToken);

        var outcome = await ApiOutcome.ReadAsync(response, cancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, outcome.Status);
        Assert.Equal("channels.invalid-limit", outcome.Code);
    }

    [Fact]
    public async Task AnUnknownChannelIsNotFound()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = host.ApiClient(host.Admin);

        using var response = await client.GetAsync("/api/channels/no-such-channel/messages", cancellationToken);

        var outcome = await ApiOutcome.ReadAsync(response, cancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, outcome.Status);
        Assert.Equal("channels.unknown-channel", outcome.Code);
    }

    [Fact]
    public async Task AnInboxNobodyHasWrittenToIsEmpty()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("quiet-one", cancellationToken);
        using var client = host.ApiClient(person);

        var inbox = await client.GetFromJsonAsync<List<Message>>("/api/channels/inbox/messages", cancellationToken);

        Assert.Empty(inbox!);
    }

    private async Task<List<Message>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        using var client = host.ApiClient(host.Admin);
        return await client.GetFromJsonAsync<List<Message>>(path, cancellationToken) ?? [];
    }

    private sealed record Message(long Id, Guid? Author, string Text);
}

public sealed class BuiltInChannelsOnSqliteTests(SqliteHost host) : BuiltInChannelsTests(host), IClassFixture<SqliteHost>;

public sealed class BuiltInChannelsOnPostgresTests(PostgresHost host) : BuiltInChannelsTests(host), IClassFixture<PostgresHost>;
