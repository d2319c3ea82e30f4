using System.Diagnostics;
using System.Text.RegularExpressions;
using Switchboard.Emulators.Slack.Requests;
using Switchboard.Emulators.Slack.WebApi;
using Switchboard.Testing;
using SlackUser = Switchboard.Emulators.Slack.Requests.SlackUser;

namespace Switchboard.Modules.Slack.Tests.Inbound;

/// <summary>
/// The real server with a Slack app configured: <see cref="Sender"/> sends it signed requests as Slack does,
/// <see cref="Responses"/> takes its answers to <c>response_url</c>s, and the Web API emulator
/// (<see cref="SwitchboardHost.Slack"/>) its <c>chat.postMessage</c> and <c>users.info</c> calls.
/// </summary>
public abstract partial class SlackHostBase : SwitchboardHost, IAsyncLifetime
{
    public const string SigningSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    /// <summary>The Web API emulator's workspace, which people send requests from.</summary>
    public const string Workspace = SlackState.TeamId;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public SlackResponseRecorder Responses { get; private set; } = null!;

    public SlackSender Sender { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Slack:SigningSecret"] = SigningSecret,
    };

    async ValueTask IAsyncLifetime.InitializeAsync()
    {
        Responses = await SlackResponseRecorder.StartAsync();
        await InitializeAsync();
        Sender = new SlackSender(BaseAddress, SigningSecret, Clock, Slack.State);
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        Sender?.Dispose();
        await DisposeAsync();
        if (Responses is not null)
        {
            await Responses.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// A Slack member of the workspace, new each call, whom <c>users.info</c> knows (a guest when <paramref name="guest"/>), with
    /// the e-mail address <see cref="SwitchboardHost.AddPersonAsync"/> gives the person of that handle.
    /// </summary>
    public SlackUser NewUser(string name, bool guest = false)
    {
        var user = new SlackUser(Workspace, "U" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant(), name);
        Slack.State.AddUser(name, name, $"{name}@example.com", guest, user.UserId);
        return user;
    }

    /// <summary>A channel with the app in it, where people mention it.</summary>
    public string NewChannel(string name) => Slack.State.AddChannel(name + "-" + Guid.NewGuid().ToString("N")[..6]).Id;

    /// <summary>
    /// <c>@Switchboard {text}</c> in the channel: the person's message is in the channel first, as in Slack, so
    /// the answer can go in its thread; Slack's retries of the event carry the same message.
    /// </summary>
    public async Task<string> MentionAsync(
        SlackUser user, string text, string channel, CancellationToken cancellationToken, int retries = 0, string? userTeam = null)
    {
        var message = Slack.State.PostAs(user.UserId, channel, $"<@{SlackSender.BotUserId}> {text}");
        var eventId = SlackSender.NewEventId();
        for (var attempt = 0; attempt <= retries; attempt++)
        {
            using var ack = await Sender.MentionAsync(
                user, text, channel, eventId, cancellationToken, retryNum: attempt == 0 ? null : attempt, userTeam: userTeam, messageTs: message.Ts);
            Assert.Equal(System.Net.HttpStatusCode.OK, ack.StatusCode);
        }

        return message.Ts;
    }

    /// <summary>Waits for the app's message in the channel (in the Web API emulator) that matches.</summary>
    public async Task<SlackMessage> WaitForPostAsync(string channel, CancellationToken cancellationToken, Func<SlackMessage, bool>? matching = null)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (Slack.State.MessagesIn(channel).FirstOrDefault(m => m.User == SlackState.BotUserId && (matching?.Invoke(m) ?? true)) is { } found)
            {
                return found;
            }

            Assert.True(waited.Elapsed < Patience, $"Switchboard posted nothing to {channel} within {Patience}.");
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }

    /// <summary>Sends <c>/sb {text}</c> and returns what Switchboard posted to its response URL.</summary>
    public async Task<RecordedSlackPost> SlashCommandAsync(SlackUser user, string text, CancellationToken cancellationToken)
    {
        var responseUrl = Responses.NewResponseUrl(user.TeamId);
        using var ack = await Sender.SlashCommandAsync(user, text, responseUrl, cancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, ack.StatusCode);
        return await Responses.WaitForAsync(responseUrl, Patience, cancellationToken);
    }

    /// <summary>Proves the user's Slack account is the person's, the way a person does: a code from the API, sent back from Slack.</summary>
    public async Task LinkAsync(TestPerson person, SlackUser user, CancellationToken cancellationToken)
    {
        var code = await LinkCodeAsync(person, cancellationToken);
        var linked = await SlashCommandAsync(user, "link " + code, cancellationToken);
        Assert.StartsWith("Linked:", Shown(linked), StringComparison.Ordinal);
    }

    public async Task<string> LinkCodeAsync(TestPerson person, CancellationToken cancellationToken)
    {
        var outcome = await RunAsync(person, "rolodex link slack", cancellationToken);
        Assert.True(outcome.IsSuccess, outcome.Detail);
        return LinkCode().Match(outcome.Text!).Value;
    }

    /// <summary>A posted text as Slack shows it: the escaped <c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c> back to themselves.</summary>
    public static string Shown(RecordedSlackPost post) => Unescape(post.Text("text")!);

    /// <inheritdoc cref="Shown(RecordedSlackPost)"/>
    public static string Shown(SlackMessage message) => Unescape(message.Text!);

    private static string Unescape(string text) =>
        text.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);

    [GeneratedRegex("[0-9A-Z]{5}-[0-9A-Z]{5}")]
    private static partial Regex LinkCode();
}

public class SlackSqliteHost : SlackHostBase
{
    protected override string Provider => "Sqlite";

    protected override Task<string> CreateDatabaseAsync() =>
        Task.FromResult($"Data Source={Path.Combine(DataDirectory, "switchboard.db")};Pooling=True;Default Timeout=30");
}

public sealed class SlackPostgresHost(PostgresServer server) : SlackHostBase
{
    protected override string Provider => "Postgres";

    protected override Task<string> CreateDatabaseAsync() => server.CreateDatabaseAsync();
}
