using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Core.Replies;
using Switchboard.Delivery.Channels;
using Switchboard.Testing;

namespace Switchboard.Delivery.Tests.Channels;

/// <summary>
/// Live messages, one message per thing that changes (an incident, a deployment): posted once, then replaced in place
/// as readers of the channel see it, with follow-ups in its thread; and Switchboard's own messages to a person's inbox.
/// </summary>
public abstract class LiveMessagesTests(SwitchboardHost host)
{
    [Fact]
    public async Task ALiveMessageIsReplacedInPlaceAndItsFollowUpsReplyInItsThread()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("channel create incidents", cancellationToken);

        await PostAsync(posts => posts.PostLiveAsync("#incidents", Reply.Text("Incident 12 triggered"), "incident:12", cancellationToken));
        var first = Assert.Single(await ReadAsync("incidents", cancellationToken));
        host.Clock.Advance(TimeSpan.FromMinutes(2));
        await PostAsync(posts => posts.PostLiveAsync("incidents", Reply.Text("Incident 12 acknowledged by @ada"), "incident:12", cancellationToken));
        await PostAsync(posts => posts.PostAsync("incidents", Reply.Text("@ada: looking at the replica lag"), "incident:12", cancellationToken));
        await PostAsync(posts => posts.PostLiveAsync("incidents", Reply.Text("Incident 12 resolved"), "incident:12", cancellationToken));
        await PostAsync(posts => posts.PostLiveAsync("incidents", Reply.Text("Incident 13 triggered"), "incident:13", cancellationToken));

        var messages = await ReadAsync("incidents", cancellationToken);
        Assert.Equal(["Incident 12 resolved", "@ada: looking at the replica lag", "Incident 13 triggered"], messages.Select(m => m.Text));
        Assert.Equal(first.Id, messages[0].Id);
        Assert.Null(first.EditedAt);
        Assert.Equal(host.Clock.GetUtcNow(), messages[0].EditedAt);
        Assert.Equal(first.Id, messages[1].ThreadOf);
        Assert.Null(messages[2].EditedAt);
    }

    [Fact]
    public async Task ALiveMessageForAChannelThatDoesNotExistIsRefused()
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        var error = await PostAsync(posts => posts.PostLiveAsync("#nowhere", Reply.Text("lost?"), "incident:1", cancellationToken));

        Assert.Equal("channels.unknown-channel", error?.Code);
    }

    [Fact]
    public async Task SwitchboardWritesToAPersonsInboxWhichOnlyTheyRead()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var grace = await host.AddPersonAsync("grace", cancellationToken);

        await PostAsync(posts => posts.PostToInboxAsync(grace.Id, Reply.Text("Incident 14 is assigned to you"), "incident:14", cancellationToken));
        await PostAsync(posts => posts.PostToInboxAsync(grace.Id, Reply.Text("Incident 14 is resolved"), "incident:14", cancellationToken));
        await PostAsync(posts => posts.PostToInboxAsync(grace.Id, Reply.Text("You are on call from 18:00"), liveKey: null, cancellationToken));

        using var client = host.ApiClient(grace);
        var inbox = await client.GetFromJsonAsync<List<Message>>("/api/channels/inbox/messages", cancellationToken) ?? [];
        using var admin = host.ApiClient(host.Admin);
        var peeking = await admin.GetAsync("/api/channels/@grace/messages", cancellationToken);
        Assert.Equal(["Incident 14 is resolved", "You are on call from 18:00"], inbox.Select(m => m.Text));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, peeking.StatusCode);
    }

    private async Task<Core.Errors.Error?> PostAsync(Func<ChannelPosts, Task<Core.Errors.Error?>> post)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await post(scope.ServiceProvider.GetRequiredService<ChannelPosts>());
    }

    private async Task<List<Message>> ReadAsync(string channel, CancellationToken cancellationToken)
    {
        using var client = host.ApiClient(host.Admin);
        return await client.GetFromJsonAsync<List<Message>>($"/api/channels/{channel}/messages", cancellationToken) ?? [];
    }

    private sealed record Message(long Id, string Text, long? ThreadOf, DateTimeOffset? EditedAt);
}

public sealed class LiveMessagesOnSqliteTests(SqliteHost host) : LiveMessagesTests(host), IClassFixture<SqliteHost>;

public sealed class LiveMessagesOnPostgresTests(PostgresHost host) : LiveMessagesTests(host), IClassFixture<PostgresHost>;
