using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Switchboard.Emulators.Slack.WebApi;
using Switchboard.Modules.Slack.WebApi;

namespace Switchboard.Modules.Slack.Tests.WebApi;

/// <summary>The typed client against the Web API emulator over loopback: Slack's shapes in, values and stable errors out.</summary>
public sealed class SlackWebApiTests : IAsyncLifetime
{
    private static readonly SlackMessageContent Hello = new("Hello", [new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = "Hello" } }]);

    private readonly FakeLogger<SlackWebApi> _logger = new();
    private SlackWebApiEmulator _slack = null!;

    public async ValueTask InitializeAsync() => _slack = await SlackWebApiEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => _slack.DisposeAsync();

    [Fact]
    public async Task AuthTestNamesTheWorkspaceAndTheBot()
    {
        var auth = await Client().AuthTestAsync(TestContext.Current.CancellationToken);

        Assert.Equal(SlackState.TeamId, auth.Value?.TeamId);
        Assert.Equal(SlackState.BotUserId, auth.Value?.UserId);
    }

    [Fact]
    public async Task APostKeepsItsThreadAndMetadataWhichHistoryAndRepliesShow()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var ops = _slack.State.AddChannel("ops");
        var client = Client();
        var metadata = new SlackMetadata("switchboard_delivery", new JsonObject { ["key"] = "41" });

        var parent = await client.PostMessageAsync(ops.Id, Hello, threadTs: null, metadata, cancellationToken);
        var reply = await client.PostMessageAsync(ops.Id, Hello, parent.Value!.Ts, metadata with { EventPayload = new JsonObject { ["key"] = "42" } }, cancellationToken);
        var history = await client.HistoryAsync(ops.Id, limit: 10, cursor: null, cancellationToken);
        var thread = await client.RepliesAsync(ops.Id, parent.Value.Ts, limit: 10, cursor: null, cancellationToken);

        Assert.Equal([parent.Value.Ts], history.Value!.Items.Select(m => m.Ts));
        Assert.Equal("41", history.Value.Items[0].Metadata?.EventPayload["key"]?.GetValue<string>());
        Assert.Equal([parent.Value.Ts, reply.Value!.Ts], thread.Value!.Items.Select(m => m.Ts));
        Assert.Equal(parent.Value.Ts, thread.Value.Items[1].ThreadTs);
        Assert.Equal("42", thread.Value.Items[1].Metadata?.EventPayload["key"]?.GetValue<string>());
    }

    [Fact]
    public async Task SlackErrorsBecomeErrorsWithStableCodes()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var elsewhere = _slack.State.AddChannel("elsewhere", botIsMember: false);
        var ops = _slack.State.AddChannel("ops");
        var client = Client();

        var missing = await client.PostMessageAsync("C0NOTHERE", Hello, null, null, cancellationToken);
        var notInvited = await client.PostMessageAsync(elsewhere.Id, Hello, null, null, cancellationToken);
        var tooLong = await client.PostMessageAsync(ops.Id, Hello with { Text = new string('x', 40_001) }, null, null, cancellationToken);
        var nobody = await client.LookupUserByEmailAsync("nobody@example.com", cancellationToken);

        Assert.Equal(("slack.channel-not-found", "channel_not_found"), (missing.Error?.Code, missing.SlackError));
        Assert.Equal("slack.not-in-channel", notInvited.Error?.Code);
        Assert.Contains("/invite @Switchboard", notInvited.Error?.Detail, StringComparison.Ordinal);
        Assert.Equal("slack.msg-too-long", tooLong.Error?.Code);
        Assert.Equal("slack.user-not-found", nobody.Error?.Code);
    }

    [Fact]
    public async Task AWrongTokenIsInvalidAuthAndTheTokenIsNeverLogged()
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        var wrong = await Client("xoxb-not-the-one").AuthTestAsync(cancellationToken);
        var none = await Client(token: "").AuthTestAsync(cancellationToken);

        Assert.Equal(("slack.invalid-auth", "invalid_auth"), (wrong.Error?.Code, wrong.SlackError));
        Assert.Equal("slack.not-configured", none.Error?.Code);
        Assert.Single(_slack.State.Calls);
        Assert.Contains(_logger.Collector.GetSnapshot(), r => r.Id.Id == 13000);
        Assert.DoesNotContain(_logger.Collector.GetSnapshot(), r => r.Message.Contains("xoxb", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARateLimitedCallSurfacesRetryAfterAndIsNotRetried()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var ops = _slack.State.AddChannel("ops");
        _slack.State.RateLimitNext("chat.postMessage", TimeSpan.FromSeconds(30));

        var posted = await Client().PostMessageAsync(ops.Id, Hello, null, null, cancellationToken);

        Assert.Equal(("slack.ratelimited", TimeSpan.FromSeconds(30)), (posted.Error?.Code, posted.RetryAfter));
        Assert.Single(_slack.State.Calls);
        Assert.Empty(_slack.State.MessagesIn(ops.Id));
    }

    [Fact]
    public async Task APostThatTimesOutIsUnansweredYetInTheChannel()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var ops = _slack.State.AddChannel("ops");
        _slack.State.TimeOutNext("chat.postMessage");

        var posted = await Client(timeout: TimeSpan.FromMilliseconds(300)).PostMessageAsync(ops.Id, Hello, null, null, cancellationToken);

        Assert.True(posted.Unanswered);
        Assert.Equal("slack.unavailable", posted.Error?.Code);
        Assert.Single(_slack.State.MessagesIn(ops.Id));
    }

    [Fact]
    public async Task ConversationsArePagedByCursorEachOnce()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var made = Enumerable.Range(1, 5).Select(i => _slack.State.AddChannel($"team-{i}").Id).ToList();
        var client = Client();
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;

        do
        {
            var page = await client.ListConversationsAsync(cursor, limit: 2, cancellationToken);
            seen.AddRange(page.Value!.Items.Select(c => c.Id));
            cursor = page.Value.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Superset(made.ToHashSet(), seen.ToHashSet());
        Assert.Equal(4, pages);
    }

    [Fact]
    public async Task PeopleDirectMessagesUpdatesEphemeralsAndModalsAnswerInSlacksShapes()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var alice = _slack.State.AddUser("alice", "Alice Liddell", "alice@example.com");
        var ops = _slack.State.AddChannel("ops");
        ops.Members.Add(alice.Id);
        var client = Client();

        var byEmail = await client.LookupUserByEmailAsync("alice@example.com", cancellationToken);
        var info = await client.UserInfoAsync(alice.Id, cancellationToken);
        var dm = await client.OpenDirectMessageAsync(alice.Id, cancellationToken);
        var channel = await client.ConversationInfoAsync(ops.Id, cancellationToken);
        var posted = await client.PostMessageAsync(ops.Id, Hello, null, null, cancellationToken);
        var updated = await client.UpdateMessageAsync(ops.Id, posted.Value!.Ts, Hello with { Text = "Done" }, cancellationToken);
        var ephemeral = await client.PostEphemeralAsync(ops.Id, alice.Id, Hello, cancellationToken);
        var view = await client.OpenViewAsync(_slack.State.IssueTriggerId(), new JsonObject { ["type"] = "modal", ["title"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Deploy" }, ["blocks"] = new JsonArray() }, cancellationToken);
        var staleView = await client.OpenViewAsync("1.2.stale", new JsonObject { ["type"] = "modal" }, cancellationToken);

        Assert.Equal((alice.Id, "alice@example.com"), (byEmail.Value?.Id, byEmail.Value?.Profile?.Email));
        Assert.Equal((SlackState.TeamId, false), (info.Value?.TeamId, info.Value?.IsUltraRestricted));
        Assert.StartsWith("D", dm.Value, StringComparison.Ordinal);
        Assert.Equal(("ops", true), (channel.Value?.Name, channel.Value?.IsMember));
        Assert.Equal(posted.Value.Ts, updated.Value?.Ts);
        Assert.Equal("Done", _slack.State.MessagesIn(ops.Id).Single().Text);
        Assert.Equal(ephemeral.Value, _slack.State.Ephemerals.Single().MessageTs);
        Assert.StartsWith("V", view.Value, StringComparison.Ordinal);
        Assert.Equal("slack.trigger-expired", staleView.Error?.Code);
    }

    private SlackWebApi Client(string? token = null, TimeSpan? timeout = null) => new(
        new HttpClient { BaseAddress = _slack.ApiUrl, Timeout = timeout ?? TimeSpan.FromSeconds(10) },
        Options.Create(new SlackOptions { BotToken = token ?? _slack.State.BotToken, ApiBaseUrl = _slack.ApiUrl }),
        _logger);
}
