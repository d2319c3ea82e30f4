using System.Text.RegularExpressions;
using Switchboard.Emulators.Slack.Requests;
using Switchboard.Testing;

namespace Switchboard.Modules.Slack.Tests.Inbound;

/// <summary>
/// The real server with a Slack app configured: <see cref="Slack"/> sends it signed requests as Slack does, and
/// <see cref="Responses"/> takes its answers (<c>response_url</c>s and <c>chat.postMessage</c>).
/// </summary>
public abstract partial class SlackHostBase : SwitchboardHost, IAsyncLifetime
{
    public const string SigningSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    public const string Workspace = "T0ACME0001";

    public SlackResponseRecorder Responses { get; private set; } = null!;

    public SlackSender Slack { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Slack:SigningSecret"] = SigningSecret,
        ["Slack:BotToken"] = "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy",
        ["Slack:ApiBaseUrl"] = Responses.ApiBaseUrl.ToString(),
    };

    public Uri PostMessageUrl => new(Responses.ApiBaseUrl, "chat.postMessage");

    async ValueTask IAsyncLifetime.InitializeAsync()
    {
        Responses = await SlackResponseRecorder.StartAsync();
        await InitializeAsync();
        Slack = new SlackSender(BaseAddress, SigningSecret, Clock);
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        Slack?.Dispose();
        await DisposeAsync();
        if (Responses is not null)
        {
            await Responses.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>A Slack member of the workspace, new each call.</summary>
    public static SlackUser NewUser(string name) => new(Workspace, "U" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant(), name);

    /// <summary>Sends <c>/sb {text}</c> and returns the text Switchboard posted to its response URL, unescaped as Slack shows it.</summary>
    public async Task<RecordedSlackPost> SlashCommandAsync(SlackUser user, string text, CancellationToken cancellationToken)
    {
        var responseUrl = Responses.NewResponseUrl(user.TeamId);
        using var ack = await Slack.SlashCommandAsync(user, text, responseUrl, cancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, ack.StatusCode);
        return await Responses.WaitForAsync(responseUrl, TimeSpan.FromSeconds(30), cancellationToken);
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
    public static string Shown(RecordedSlackPost post) =>
        post.Text("text")!.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);

    [GeneratedRegex("[0-9A-Z]{5}-[0-9A-Z]{5}")]
    private static partial Regex LinkCode();
}

public sealed class SlackSqliteHost : SlackHostBase
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
