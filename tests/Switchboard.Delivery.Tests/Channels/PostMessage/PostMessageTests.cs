using System.Net;
using System.Net.Http.Json;
using Switchboard.Testing;

namespace Switchboard.Delivery.Tests.Channels.PostMessage;

/// <summary><c>say</c>: posts to a shared channel, or to a person's private inbox.</summary>
public abstract class PostMessageTests(SwitchboardHost host)
{
    [Fact]
    public async Task AMessageSaidInOpsCanBeReadThereWithItsAuthor()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var author = await host.AddPersonAsync("ops-speaker", cancellationToken);

        var said = await host.RunAsync(author, "say #ops the database failover is done", cancellationToken);

        Assert.True(said.IsSuccess, said.Detail);
        var messages = await ReadAsync(author, "/api/channels/ops/messages", cancellationToken);
        var message = Assert.Single(messages, m => m.Text == "the database failover is done");
        Assert.Equal(author.Id.Value, message.Author);
        Assert.Equal("ops-speaker", message.AuthorHandle);
    }

    [Fact]
    public async Task AMessageToAPersonLandsInTheirInbox()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var alice = await host.AddPersonAsync("inbox-alice", cancellationToken);
        var bob = await host.AddPersonAsync("inbox-bob", cancellationToken);

        var said = await host.RunAsync(alice, "say @inbox-bob your deploy is waiting for approval", cancellationToken);

        Assert.True(said.IsSuccess, said.Detail);
        var inbox = await ReadAsync(bob, "/api/channels/inbox/messages", cancellationToken);
        var message = Assert.Single(inbox);
        Assert.Equal("your deploy is waiting for approval", message.Text);
        Assert.Equal(alice.Id.Value, message.Author);
    }

    [Fact]
    public async Task TheOwnerReadsTheirInboxByItsHandleToo()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var bob = await host.AddPersonAsync("handle-bob", cancellationToken);
        await host.RunAsAdminAsync("say @handle-bob ping", cancellationToken);

        var inbox = await ReadAsync(bob, "/api/channels/@handle-bob/messages", cancellationToken);

        Assert.Equal("ping", Assert.Single(inbox).Text);
    }

    [Fact]
    public async Task SomeoneElseCannotReadAPersonsInbox()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.AddPersonAsync("private-bob", cancellationToken);
        var snoop = await host.AddPersonAsync("snoop", cancellationToken);
        await host.RunAsAdminAsync("say @private-bob the secret", cancellationToken);
        using var client = host.ApiClient(snoop);

        using var response = await client.GetAsync("/api/channels/@private-bob/messages", cancellationToken);

        var outcome = await ApiOutcome.ReadAsync(response, cancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, outcome.Status);
        Assert.Equal("channels.private-inbox", outcome.Code);
        Assert.DoesNotContain("the secret", outcome.Body.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SayingSomethingToAnUnknownChannelIsNotFound()
    {
        var outcome = await host.RunAsync(host.Admin, "say #nowhere hello?", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, outcome.Status);
        Assert.Equal("channels.unknown-channel", outcome.Code);
    }

    [Fact]
    public async Task SayingSomethingToAnUnknownPersonIsNotFound()
    {
        var outcome = await host.RunAsync(host.Admin, "say @nobody-here hello?", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, outcome.Status);
        Assert.Equal("channels.unknown-person", outcome.Code);
    }

    private async Task<List<Message>> ReadAsync(TestPerson reader, string path, CancellationToken cancellationToken)
    {
        using var client = host.ApiClient(reader);
        return await client.GetFromJsonAsync<List<Message>>(path, cancellationToken) ?? [];
    }

    private sealed record Message(long Id, Guid? Author, string? AuthorHandle, string Text);
}

public sealed class PostMessageOnSqliteTests(SqliteHost host) : PostMessageTests(host), IClassFixture<SqliteHost>;

public sealed class PostMessageOnPostgresTests(PostgresHost host) : PostMessageTests(host), IClassFixture<PostgresHost>;
