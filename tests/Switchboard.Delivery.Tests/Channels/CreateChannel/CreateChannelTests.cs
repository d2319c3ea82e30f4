using System.Net;
using System.Net.Http.Json;
using Switchboard.Testing;

namespace Switchboard.Delivery.Tests.Channels.CreateChannel;

/// <summary><c>channel create</c>: a new shared channel anyone can post to and read.</summary>
public abstract class CreateChannelTests(SwitchboardHost host)
{
    [Fact]
    public async Task ACreatedChannelIsListedWithItsDescription()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("channel-maker", cancellationToken);

        var created = await host.RunAsync(person, "channel create #Incidents --description \"One thread per incident\"", cancellationToken);

        Assert.True(created.IsSuccess, created.Detail);
        using var client = host.ApiClient(person);
        var channels = await client.GetFromJsonAsync<List<ChannelView>>("/api/channels", cancellationToken);
        var channel = Assert.Single(channels!, c => c.Name == "incidents");
        Assert.Equal("One thread per incident", channel.Description);
    }

    [Fact]
    public async Task ACreatedChannelTakesMessages()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("channel create releases", cancellationToken);

        var said = await host.RunAsync(host.Admin, "say #releases v1.2 is out", cancellationToken);

        Assert.True(said.IsSuccess, said.Detail);
    }

    [Theory]
    [InlineData("ops")]
    [InlineData("deploys")]
    public async Task ASeededChannelNameIsTaken(string name)
    {
        var outcome = await host.RunAsync(host.Admin, $"channel create {name}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Conflict, outcome.Status);
        Assert.Equal("channels.channel-exists", outcome.Code);
    }

    [Fact]
    public async Task CreatingAChannelTwiceIsAConflict()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("channel create twice", cancellationToken);

        var outcome = await host.RunAsync(host.Admin, "channel create twice", cancellationToken);

        Assert.Equal(HttpStatusCode.Conflict, outcome.Status);
        Assert.Equal("channels.channel-exists", outcome.Code);
    }

    [Theory]
    [InlineData("bad!name")]
    [InlineData("-dash-first")]
    [InlineData("@someone")]
    public async Task AnInvalidChannelNameIsABadRequest(string name)
    {
        var outcome = await host.RunAsync(host.Admin, $"channel create \"{name}\"", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, outcome.Status);
        Assert.Equal("channels.invalid-name", outcome.Code);
    }

    [Fact]
    public async Task ADescriptionLongerThanAChannelKeepsIsABadRequest()
    {
        var outcome = await host.RunAsync(host.Admin, $"channel create wordy --description {new string('d', 501)}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, outcome.Status);
    }

    private sealed record ChannelView(string Name, string Description, bool IsInbox);
}

public sealed class CreateChannelOnSqliteTests(SqliteHost host) : CreateChannelTests(host), IClassFixture<SqliteHost>;

public sealed class CreateChannelOnPostgresTests(PostgresHost host) : CreateChannelTests(host), IClassFixture<PostgresHost>;
