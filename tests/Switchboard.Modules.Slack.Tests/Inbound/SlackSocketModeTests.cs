using System.Diagnostics;
using System.Net;
using Switchboard.Emulators.Slack.Requests;
using Switchboard.Emulators.Slack.WebApi;
using SlackUser = Switchboard.Emulators.Slack.Requests.SlackUser;

namespace Switchboard.Modules.Slack.Tests.Inbound;

public sealed class SlackSocketModeTests(SlackSocketModeHost host) : IClassFixture<SlackSocketModeHost>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RunsCommandsMentionsAndButtonsWithNoPublicAddress()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var grace = await host.AddPersonAsync("grace", cancellationToken, admin: true);
        var slack = host.NewUser("grace");
        await host.RunAsAdminAsync("team create sockets", cancellationToken);
        var viaApi = await host.RunAsync(grace, "team show sockets", cancellationToken);
        var channel = host.NewChannel("sockets");

        var linked = await SlashCommandAsync(slack, "link " + await host.LinkCodeAsync(grace, cancellationToken), cancellationToken);
        var viaSlash = await SlashCommandAsync(slack, "team show sockets", cancellationToken);
        var mention = Mention(slack, "team show sockets", channel);
        await SendAsync("events_api", mention, cancellationToken);
        var viaMention = await host.WaitForPostAsync(channel, cancellationToken);
        var clickedUrl = host.Responses.NewResponseUrl(slack.TeamId);
        var button = $$"""{"command":"team create clicked-over-socket","idempotencyKey":"button-{{Guid.NewGuid()}}"}""";
        await SendAsync("interactive", host.Sender.ButtonClickPayload(slack, button, clickedUrl, channel), cancellationToken);
        var clicked = await host.Responses.WaitForAsync(clickedUrl, Patience, cancellationToken);
        using var overHttp = await host.Sender.SlashCommandAsync(slack, "whoami", host.Responses.NewResponseUrl(slack.TeamId), cancellationToken);

        Assert.StartsWith("Linked:", SlackHostBase.Shown(linked), StringComparison.Ordinal);
        Assert.Equal(viaApi.Text, SlackHostBase.Shown(viaSlash));
        Assert.Equal(viaApi.Text, SlackHostBase.Shown(viaMention));
        Assert.Equal(((Dictionary<string, object?>)mention["event"]!)["ts"], viaMention.ThreadTs);
        Assert.Contains("clicked-over-socket", SlackHostBase.Shown(clicked), StringComparison.Ordinal);
        Assert.True((await host.RunAsAdminAsync("team show clicked-over-socket", cancellationToken)).IsSuccess);
        Assert.Equal(HttpStatusCode.NotFound, overHttp.StatusCode);
    }

    [Fact]
    public async Task AnEnvelopeSlackSendsAgainRunsOnce()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var hedy = await host.AddPersonAsync("hedy", cancellationToken, admin: true);
        var slack = host.NewUser("hedy");
        await SlashCommandAsync(slack, "link " + await host.LinkCodeAsync(hedy, cancellationToken), cancellationToken);
        var channel = host.NewChannel("resent");
        var callback = Mention(slack, "team create resent", channel);

        await SendAsync("events_api", callback, cancellationToken);
        await SendAsync("events_api", callback, cancellationToken, retryAttempt: 1);
        // Requests run side by side, so the later whoami is a barrier only once the first reply is in.
        await host.WaitForPostAsync(channel, cancellationToken, m => m.Text!.Contains("resent", StringComparison.Ordinal));
        await SendAsync("events_api", Mention(slack, "whoami", channel), cancellationToken);
        await host.WaitForPostAsync(channel, cancellationToken, m => m.Text!.Contains("@hedy", StringComparison.Ordinal));

        Assert.Single(host.Slack.State.MessagesIn(channel), m => m.User == SlackState.BotUserId && m.Text!.Contains("resent", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ANewConnectionTakesOverWhenSlackAsksAndWhenOneIsLost()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var socketMode = host.Slack.SocketMode;
        var slack = host.NewUser("ida");
        await socketMode.WaitForConnectionsOpenedAsync(1, Patience, cancellationToken);
        var before = socketMode.ConnectionsOpened;

        // Slack closes the old connection long after the new one must be open: the new one answers to the refresh itself.
        await socketMode.RequestRefreshAsync(closeAfter: TimeSpan.FromMinutes(1), cancellationToken);
        await socketMode.WaitForConnectionsOpenedAsync(before + 1, TimeSpan.FromSeconds(10), cancellationToken);
        var openDuringOverlap = socketMode.OpenConnections;
        var afterRefresh = await SlashCommandAsync(slack, "whoami", cancellationToken);
        socketMode.DropAll();
        await socketMode.WaitForConnectionsOpenedAsync(before + 2, Patience, cancellationToken);
        var afterLoss = await SlashCommandAsync(slack, "whoami", cancellationToken);

        Assert.Equal(2, openDuringOverlap);
        Assert.Contains(slack.UserId, SlackHostBase.Shown(afterRefresh), StringComparison.Ordinal);
        Assert.Contains(slack.UserId, SlackHostBase.Shown(afterLoss), StringComparison.Ordinal);
        Assert.Equal(1, socketMode.OpenConnections);
    }

    /// <summary>A mention's callback; the person's message is in the channel first, as in Slack, so the answer can go in its thread.</summary>
    private Dictionary<string, object?> Mention(SlackUser user, string text, string channel)
    {
        var message = host.Slack.State.PostAs(user.UserId, channel, $"<@{SlackSender.BotUserId}> {text}");
        return host.Sender.MentionCallback(user, text, channel, SlackSender.NewEventId(), messageTs: message.Ts);
    }

    private async Task<RecordedSlackPost> SlashCommandAsync(SlackUser user, string text, CancellationToken cancellationToken)
    {
        var responseUrl = host.Responses.NewResponseUrl(user.TeamId);
        await SendAsync("slash_commands", host.Sender.SlashCommandFields(user, text, responseUrl).ToDictionary(f => f.Name, f => f.Value), cancellationToken);
        return await host.Responses.WaitForAsync(responseUrl, Patience, cancellationToken);
    }

    /// <summary>Sends an envelope over the app's connection and waits for Switchboard to acknowledge it.</summary>
    private async Task<string> SendAsync(string type, object payload, CancellationToken cancellationToken, int retryAttempt = 0)
    {
        await host.Slack.SocketMode.WaitForConnectionsOpenedAsync(1, Patience, cancellationToken);
        var envelopeId = await host.Slack.SocketMode.SendAsync(type, payload, cancellationToken, retryAttempt);
        Assert.True(await host.Slack.SocketMode.WaitForAcknowledgementAsync(envelopeId, Patience, cancellationToken), $"Envelope {envelopeId} was not acknowledged.");
        return envelopeId;
    }
}

public sealed class SlackRefusedAppTokenTests(SlackRefusedAppTokenHost host) : IClassFixture<SlackRefusedAppTokenHost>
{
    [Fact]
    public async Task AnAppTokenSlackRefusesIsTriedAgainWithGrowingWaits()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await WaitForAttemptsAsync(1, cancellationToken);
        var earlier = Attempts().Count;
        var waited = Stopwatch.StartNew();

        await WaitForAttemptsAsync(earlier + 2, cancellationToken);

        // The wait before attempt n + 1 is at least 0.5 × 2^(n - 1) s; the second of these two waits fell wholly in this test.
        var attempts = Attempts();
        Assert.True(waited.Elapsed >= TimeSpan.FromSeconds(1), $"Two more attempts within {waited.Elapsed}: no backing off.");
        Assert.All(attempts, attempt => Assert.Equal("invalid_auth", attempt.Error));
        Assert.Equal(0, host.Slack.SocketMode.ConnectionsOpened);
    }

    private async Task WaitForAttemptsAsync(int count, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (Attempts().Count < count)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), $"Only {Attempts().Count} attempts to open a connection.");
            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }
    }

    private List<SlackCall> Attempts() => host.Slack.State.Calls.Where(c => c.Method == "apps.connections.open").ToList();
}

/// <summary>A server that takes Slack's requests only over Socket Mode: an app token, and no signing secret.</summary>
public sealed class SlackSocketModeHost : SlackSqliteHost
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Slack:AppToken"] = Slack.State.AppToken,
    };
}

public sealed class SlackRefusedAppTokenHost : SlackSqliteHost
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Slack:AppToken"] = "xapp-1-A0SWITCHBD-1-revoked",
    };
}
