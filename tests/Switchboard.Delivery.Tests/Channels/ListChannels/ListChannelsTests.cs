using System.Net.Http.Json;
using Switchboard.Testing;

namespace Switchboard.Delivery.Tests.Channels.ListChannels;

/// <summary><c>GET /api/channels</c> and <c>channel list</c>: the shared channels and the reader's own inbox.</summary>
public abstract class ListChannelsTests(SwitchboardHost host)
{
    [Fact]
    public async Task TheSeededChannelsAreListed()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("seed-reader", cancellationToken);

        var channels = await ListAsync(person, cancellationToken);

        Assert.Contains(channels, c => c.Name == "ops" && !c.IsInbox);
        Assert.Contains(channels, c => c.Name == "deploys" && !c.IsInbox);
    }

    [Fact]
    public async Task TheListShowsTheCallersInboxAndNoOneElses()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var carol = await host.AddPersonAsync("list-carol", cancellationToken);
        await host.AddPersonAsync("list-dave", cancellationToken);
        await host.RunAsAdminAsync("say @list-carol hello carol", cancellationToken);
        await host.RunAsAdminAsync("say @list-dave hello dave", cancellationToken);

        var channels = await ListAsync(carol, cancellationToken);

        var inbox = Assert.Single(channels, c => c.IsInbox);
        Assert.Equal("@list-carol", inbox.Name);
    }

    [Fact]
    public async Task SharedChannelsComeBeforeTheInbox()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var erin = await host.AddPersonAsync("order-erin", cancellationToken);
        await host.RunAsAdminAsync("say @order-erin hi", cancellationToken);

        var channels = await ListAsync(erin, cancellationToken);

        Assert.True(channels[^1].IsInbox);
    }

    [Fact]
    public async Task ChannelListNamesTheSharedChannelsAndTheCallersInbox()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("cmd-lister", cancellationToken);

        var outcome = await host.RunAsync(person, "channel list", cancellationToken);

        Assert.True(outcome.IsSuccess, outcome.Detail);
        Assert.NotNull(outcome.Field("#ops"));
        Assert.NotNull(outcome.Field("#deploys"));
        Assert.Contains("Your inbox is @cmd-lister.", outcome.Text, StringComparison.Ordinal);
    }

    private async Task<List<ChannelView>> ListAsync(TestPerson reader, CancellationToken cancellationToken)
    {
        using var client = host.ApiClient(reader);
        return await client.GetFromJsonAsync<List<ChannelView>>("/api/channels", cancellationToken) ?? [];
    }

    private sealed record ChannelView(string Name, string Description, bool IsInbox);
}

public sealed class ListChannelsOnSqliteTests(SqliteHost host) : ListChannelsTests(host), IClassFixture<SqliteHost>;

public sealed class ListChannelsOnPostgresTests(PostgresHost host) : ListChannelsTests(host), IClassFixture<PostgresHost>;
