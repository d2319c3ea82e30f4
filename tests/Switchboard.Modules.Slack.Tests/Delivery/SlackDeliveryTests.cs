using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Core.Replies;
using Switchboard.Delivery.Channels;
using Switchboard.Emulators.Slack.WebApi;
using Switchboard.Testing;

namespace Switchboard.Modules.Slack.Tests.Delivery;

/// <summary>
/// Channels bound to Slack through the real host and the Web API emulator: binding by id and by name, refusals a
/// person can act on, and the outbox's promise under Slack's rate limits and lost answers: every message once, in order.
/// </summary>
public abstract class SlackDeliveryTests(SwitchboardHost host)
{
    [Fact]
    public async Task ABindingByIdOrNameIsListedAndUnbindingStopsTheFlow()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var alerts = host.Slack.State.AddChannel("web-alerts");
        await host.RunAsAdminAsync("channel create web", cancellationToken);

        var byId = await host.RunAsAdminAsync($"channel bind #web slack:{SlackState.OpsAlertsChannelId}", cancellationToken);
        var byName = await host.RunAsAdminAsync("channel bind #web slack:#web-alerts", cancellationToken);
        var listed = await host.RunAsAdminAsync("slack bindings", cancellationToken);
        await host.RunAsAdminAsync("say #web before unbinding", cancellationToken);
        await Eventually.HoldsAsync(() => host.Slack.State.MessagesIn(alerts.Id).Count == 1, cancellationToken);
        var unbound = await host.RunAsAdminAsync("channel unbind #web", cancellationToken);
        await host.RunAsAdminAsync("say #web after unbinding", cancellationToken);
        var history = await host.RunAsAdminAsync("channel list", cancellationToken);

        Assert.Contains("now also posts to Slack's #ops-alerts", byId.Text, StringComparison.Ordinal);
        Assert.Contains($"#web-alerts (`{alerts.Id}`) instead of Slack's #ops-alerts", byName.Text, StringComparison.Ordinal);
        Assert.Equal($"Slack #web-alerts (`{alerts.Id}`)", listed.Field("#web"));
        Assert.Contains("no longer posts to Slack's #web-alerts", unbound.Text, StringComparison.Ordinal);
        Assert.True(history.IsSuccess);
        await Task.Delay(500, cancellationToken);
        Assert.Equal(["@admin: before unbinding"], host.Slack.State.MessagesIn(alerts.Id).Select(m => m.Text));
    }

    [Fact]
    public async Task RefusesASlackChannelItCouldNotPostTo()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var archived = host.Slack.State.AddChannel("old-ops");
        archived.IsArchived = true;

        var noSuchName = await host.RunAsync(host.Admin, "channel bind #ops slack:#no-such-channel", cancellationToken);
        var noSuchId = await host.RunAsync(host.Admin, "channel bind #ops slack:C0NOTHERE", cancellationToken);
        var notInvited = await host.RunAsync(host.Admin, "channel bind #ops slack:#random", cancellationToken);
        var isArchived = await host.RunAsync(host.Admin, $"channel bind #ops slack:{archived.Id}", cancellationToken);
        var notSlack = await host.RunAsync(host.Admin, "channel bind #ops C0123ABC", cancellationToken);
        var noSuchChannel = await host.RunAsync(host.Admin, "channel bind #nowhere slack:C0123ABC", cancellationToken);

        Assert.Equal("slack.channel-not-found", noSuchName.Code);
        Assert.Equal("slack.channel-not-found", noSuchId.Code);
        Assert.Equal("slack.not-in-channel", notInvited.Code);
        Assert.Contains("/invite @Switchboard", notInvited.Detail, StringComparison.Ordinal);
        Assert.Equal("slack.channel-archived", isArchived.Code);
        Assert.Equal("slack.invalid-target", notSlack.Code);
        Assert.Equal("slack.unknown-channel", noSuchChannel.Code);
        Assert.All([noSuchName, noSuchId, notInvited, isArchived, notSlack, noSuchChannel], o => Assert.InRange((int)o.Status, 400, 499));
    }

    [Fact]
    public async Task RateLimitedMessagesArriveOnceAndInOrder()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var slackChannel = (await BindNewChannelAsync("paced", cancellationToken)).Id;
        host.Slack.State.RateLimitNext("chat.postMessage", TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3));

        var said = Enumerable.Range(1, 5).Select(i => $"@admin: message {i}").ToList();
        foreach (var i in Enumerable.Range(1, 5))
        {
            await host.RunAsAdminAsync($"say #paced message {i}", cancellationToken);
        }

        await host.AdvanceClockUntilAsync(() => host.Slack.State.MessagesIn(slackChannel).Count >= said.Count, TimeSpan.FromSeconds(40), cancellationToken);
        await SettleAsync(cancellationToken);

        var posted = host.Slack.State.MessagesIn(slackChannel);
        Assert.Equal(said, posted.Select(m => m.Text));
        Assert.Equal(posted.Count, posted.Select(m => m.Metadata?["event_payload"]?["delivery_key"]?.GetValue<string>()).Distinct().Count());
        Assert.Equal(2, host.Slack.State.Calls.Count(c => c.Method == "chat.postMessage" && c.Status == 429 && c.Arguments["channel"] == slackChannel));
    }

    [Fact]
    public async Task MessagesToOneSlackChannelGoAboutOneASecond()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var slackChannel = (await BindNewChannelAsync("steady", cancellationToken)).Id;

        foreach (var i in Enumerable.Range(1, 3))
        {
            await host.RunAsAdminAsync($"say #steady message {i}", cancellationToken);
        }

        await Eventually.HoldsAsync(() => host.Slack.State.MessagesIn(slackChannel).Count == 3, cancellationToken);

        var posted = host.Slack.State.Calls
            .Where(c => c.Method == "chat.postMessage" && c.Arguments["channel"] == slackChannel)
            .Select(c => c.AnsweredTimestamp)
            .ToList();
        Assert.Equal(3, posted.Count);
        Assert.All(posted.Zip(posted.Skip(1), Stopwatch.GetElapsedTime), gap => Assert.True(gap >= TimeSpan.FromSeconds(0.95), $"Posts {gap} apart."));
    }

    [Fact]
    public async Task APostSlackKeptButNeverAnsweredIsNotPostedAgain()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var slackChannel = (await BindNewChannelAsync("lossy", cancellationToken)).Id;
        host.Slack.State.TimeOutNext("chat.postMessage");

        var said = Enumerable.Range(1, 3).Select(i => $"@admin: message {i}").ToList();
        foreach (var i in Enumerable.Range(1, 3))
        {
            await host.RunAsAdminAsync($"say #lossy message {i}", cancellationToken);
        }

        await host.AdvanceClockUntilAsync(() => host.Slack.State.MessagesIn(slackChannel).Count >= said.Count, TimeSpan.FromSeconds(40), cancellationToken);
        await SettleAsync(cancellationToken);

        Assert.Equal(said, host.Slack.State.MessagesIn(slackChannel).Select(m => m.Text));
        Assert.Contains(host.Slack.State.Calls, c => c.Method == "chat.postMessage" && c.Status == 0 && c.Arguments["channel"] == slackChannel);
        Assert.Contains(host.Slack.State.Calls, c => c.Method == "conversations.history" && c.Arguments["channel"] == slackChannel);
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Id.Id == 13100 && r.Message.Contains("#lossy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AMessageForAnArchivedSlackChannelIsDeadLetteredWithTheReason()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var slackChannel = await BindNewChannelAsync("shelved", cancellationToken);
        slackChannel.IsArchived = true;

        await host.RunAsAdminAsync("say #shelved anyone?", cancellationToken);
        var failed = await host.FailedDeliveriesNamingAsync("#shelved", cancellationToken);

        Assert.Contains("slack.channel-archived (Slack #shelved-slack", failed, StringComparison.Ordinal);
        Assert.Empty(host.Slack.State.MessagesIn(slackChannel.Id));
    }

    [Fact]
    public async Task OnlyPeopleWhoseSlackAccountIsLinkedAreMentioned()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var slackChannel = await BindNewChannelAsync("people", cancellationToken);
        await host.AddPersonAsync("carol", cancellationToken);
        await host.AddPersonAsync("dave", cancellationToken);
        var carol = host.Slack.State.AddUser("carol", "Carol", "carol@example.com");
        host.Slack.State.AddUser("dave", "Dave", "dave@example.com");
        await host.RunAsAdminAsync($"rolodex link slack {carol.Id} --workspace {SlackState.TeamId} --for @carol", cancellationToken);

        await host.RunAsAdminAsync("say #people ping @carol and @dave", cancellationToken);
        await Eventually.HoldsAsync(() => host.Slack.State.MessagesIn(slackChannel.Id).Count == 1, cancellationToken);

        var section = host.Slack.State.MessagesIn(slackChannel.Id).Single().Blocks![0]!["text"]!["text"]!.GetValue<string>();
        Assert.Equal($"@admin: ping <@{carol.Id}> and @dave", section);
    }

    [Fact]
    public async Task AccountsAndDirectMessagesAreLookedUpOnceNotForEveryMessage()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var slackChannel = await BindNewChannelAsync("regulars", cancellationToken);
        var person = await host.AddPersonAsync("erin", cancellationToken);
        var erin = host.Slack.State.AddUser("erin", "Erin", "erin@example.com");
        await host.RunAsAdminAsync($"rolodex link slack {erin.Id} --workspace {SlackState.TeamId} --for @erin", cancellationToken);
        var direct = host.Slack.State.OpenIm(erin.Id).Id;

        foreach (var i in Enumerable.Range(1, 3))
        {
            await host.RunAsAdminAsync($"say #regulars ping {i} @erin", cancellationToken);
            await using var scope = host.Services.CreateAsyncScope();
            var error = await scope.ServiceProvider.GetRequiredService<ChannelPosts>().PostToInboxAsync(person.Id, Reply.Text($"note {i}"), liveKey: null, cancellationToken);
            Assert.Null(error);
        }

        await Eventually.HoldsAsync(() => host.Slack.State.MessagesIn(slackChannel.Id).Count == 3 && host.Slack.State.MessagesIn(direct).Count == 3, cancellationToken);

        Assert.All(host.Slack.State.MessagesIn(slackChannel.Id), m => Assert.Contains($"<@{erin.Id}>", m.Blocks![0]!["text"]!["text"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Single(host.Slack.State.Calls, c => c.Method == "users.lookupByEmail" && c.Arguments["email"] == "erin@example.com");
        Assert.DoesNotContain(host.Slack.State.Calls, c => c.Method == "users.lookupByEmail" && c.Arguments["email"] == "admin@example.com");
        Assert.Single(host.Slack.State.Calls, c => c.Method == "conversations.open" && c.Arguments.GetValueOrDefault("users") == erin.Id);
    }

    [Fact]
    public async Task ALiveMessageIsUpdatedInSlackWithChatUpdateNotPostedAgain()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var slackChannel = await BindNewChannelAsync("live", cancellationToken);

        await PostLiveAsync("Deployment 7: building", cancellationToken);
        await Eventually.HoldsAsync(() => host.Slack.State.MessagesIn(slackChannel.Id).Count == 1, cancellationToken);
        await PostLiveAsync("Deployment 7: released v42", cancellationToken);
        await Eventually.HoldsAsync(() => host.Slack.State.MessagesIn(slackChannel.Id).Single().EditedTs is not null, cancellationToken);
        await SettleAsync(cancellationToken);

        var message = Assert.Single(host.Slack.State.MessagesIn(slackChannel.Id));
        Assert.Equal("Deployment 7: released v42", message.Blocks![0]!["text"]!["text"]!.GetValue<string>());
    }

    private async Task PostLiveAsync(string text, CancellationToken cancellationToken)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var error = await scope.ServiceProvider.GetRequiredService<ChannelPosts>().PostLiveAsync("live", Reply.Text(text), "deployment:7", cancellationToken);
        Assert.Null(error);
    }

    private async Task<SlackChannel> BindNewChannelAsync(string name, CancellationToken cancellationToken)
    {
        var slackChannel = host.Slack.State.AddChannel(name + "-slack");
        await host.RunAsAdminAsync($"channel create {name}", cancellationToken);
        var bound = await host.RunAsAdminAsync($"channel bind #{name} slack:{slackChannel.Id}", cancellationToken);
        Assert.True(bound.IsSuccess, bound.Detail);
        return slackChannel;
    }

    /// <summary>Gives a doubled post, were there one, the time to arrive, with the clock past every retry.</summary>
    private async Task SettleAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < 5; i++)
        {
            host.Clock.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(100, cancellationToken);
        }
    }
}

public sealed class SlackDeliveryOnSqliteTests(SqliteHost host) : SlackDeliveryTests(host), IClassFixture<SqliteHost>;

public sealed class SlackDeliveryOnPostgresTests(PostgresHost host) : SlackDeliveryTests(host), IClassFixture<PostgresHost>;
