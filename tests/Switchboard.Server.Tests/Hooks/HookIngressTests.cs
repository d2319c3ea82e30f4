using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Hooks;

/// <summary><c>POST /hooks/{source}</c>: verified, kept, acknowledged, and on its way to the subscribed channel.</summary>
public abstract class HookIngressTests(SwitchboardHost host, WebhookReceiver receiver, string provider)
{
    private const string Secret = HookSettings.Secret;
    private const string OldSecret = HookSettings.OldSecret;

    /// <summary>Whether the log answers a repeated delivery as a duplicate when appending; Kafka cannot tell, and its consumers drop it.</summary>
    protected virtual bool RefusesRepeatsWhenAppending => true;

    [Fact(Timeout = 60_000)]
    public async Task ASignedGitHubEventReachesTheSubscribedChannelOnceThoughDeliveredTwice()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("channel create hooks-github", cancellationToken);
        await host.RunAsAdminAsync("subscribe github Codertocat/Hello-World issues pulls --in #hooks-github", cancellationToken);
        var body = Fixture("github/issues/opened.payload.json");

        var first = await PostGitHubAsync(body, "issues", "delivery-opened-1", Secret, cancellationToken);
        var again = await PostGitHubAsync(body, "issues", "delivery-opened-1", Secret, cancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(
            RefusesRepeatsWhenAppending ? (HttpStatusCode.OK, "duplicate") : (HttpStatusCode.Accepted, "accepted"),
            (again.StatusCode, (await again.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("status").GetString()));
        var messages = await host.MessagesEventuallyAsync("hooks-github", 1, cancellationToken);
        Assert.StartsWith("Codertocat opened issue [#1 Spelling error in the README file]", messages[0], StringComparison.Ordinal);
        await Task.Delay(500, cancellationToken);
        Assert.Single(await host.MessagesAsync("hooks-github", cancellationToken));
    }

    [Fact(Timeout = 60_000)]
    public async Task AFeatureTheChannelDidNotAskForIsNotPosted()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("channel create hooks-releases", cancellationToken);
        await host.RunAsAdminAsync("subscribe github codertocat releases --in #hooks-releases", cancellationToken);

        await PostGitHubAsync(Fixture("github/issues/opened.payload.json"), "issues", "delivery-issue-x", Secret, cancellationToken);
        await PostGitHubAsync(Fixture("github/release/published.payload.json"), "release", "delivery-release-1", Secret, cancellationToken);

        var messages = await host.MessagesEventuallyAsync("hooks-releases", 1, cancellationToken);
        Assert.Contains("release", messages[0], StringComparison.OrdinalIgnoreCase);
        await Task.Delay(500, cancellationToken);
        Assert.Single(await host.MessagesAsync("hooks-releases", cancellationToken));
    }

    /// <summary>The built-in channel threads the merge under the opening; its bridge has no threads and gets both as they come.</summary>
    [Fact(Timeout = 60_000)]
    public async Task AMergedPullRequestIsPostedInTheThreadOfItsOpening()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("channel create hooks-pulls", cancellationToken);
        await host.RunAsAdminAsync("subscribe github Codertocat/Hello-World pulls --in #hooks-pulls", cancellationToken);
        var closed = JsonNode.Parse(Fixture("github/pull_request/closed.payload.json"))!;
        closed["pull_request"]!["merged"] = true;

        await PostGitHubAsync(Fixture("github/pull_request/opened.payload.json"), "pull_request", "delivery-pr-opened", Secret, cancellationToken);
        await PostGitHubAsync(Encoding.UTF8.GetBytes(closed.ToJsonString()), "pull_request", "delivery-pr-merged", Secret, cancellationToken);
        var messages = await host.ChannelMessagesEventuallyAsync("hooks-pulls", 2, cancellationToken);
        using var browser = await host.SignInAsync("threads@example.com", cancellationToken);
        var page = await browser.GetAsync("/channels/hooks-pulls", cancellationToken);

        var opened = messages[0].GetProperty("id").GetInt64();
        Assert.Contains("opened pull request", Webhooks.Text(messages[0]), StringComparison.Ordinal);
        Assert.Contains("merged pull request", Webhooks.Text(messages[1]), StringComparison.Ordinal);
        Assert.False(messages[0].TryGetProperty("threadOf", out _));
        Assert.Equal(opened, messages[1].GetProperty("threadOf").GetInt64());
        Assert.Contains($"href=\"#m-{opened}\">in reply to an earlier message", page.Html, StringComparison.Ordinal);
        var bridged = await BridgedEventuallyAsync(2, cancellationToken);
        Assert.Equal([Webhooks.Text(messages[0]), Webhooks.Text(messages[1])], bridged);
    }

    [Fact(Timeout = 60_000)]
    public async Task AnOldSecretStillVerifiesDuringRotation()
    {
        var response = await PostGitHubAsync(Fixture("github/ping/payload.json"), "ping", "delivery-ping-old", OldSecret, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task TamperedUnsignedUnknownAndOversizedRequestsGetTheirOwn4xx()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var body = Fixture("github/issues/opened.payload.json");
        var tampered = body.ToArray();
        tampered[100] ^= 1;
        using var http = host.AnonymousClient();

        var badSignature = await ProblemAsync(await PostGitHubAsync(tampered, "issues", "d-tampered", Secret, cancellationToken, signWith: body), cancellationToken);
        var unsigned = await ProblemAsync(await http.PostAsync("/hooks/github", new ByteArrayContent(body), cancellationToken), cancellationToken);
        var unknown = await ProblemAsync(await http.PostAsync("/hooks/nagios", new ByteArrayContent(body), cancellationToken), cancellationToken);
        var oversized = await ProblemAsync(await PostGitHubAsync(new byte[65536 + 1], "issues", "d-big", Secret, cancellationToken), cancellationToken);

        Assert.Equal((HttpStatusCode.Unauthorized, "hooks.bad-signature"), badSignature);
        Assert.Equal((HttpStatusCode.Unauthorized, "hooks.missing-signature"), unsigned);
        Assert.Equal((HttpStatusCode.NotFound, "hooks.unknown-source"), unknown);
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "hooks.body-too-large"), oversized);
    }

    /// <summary>A sender that streams its body declares no length: it is read to its end, and refused once past the limit.</summary>
    [Fact(Timeout = 60_000)]
    public async Task ADeliverySentInChunksIsReadWholeAndOnePastTheLimitIsRefused()
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        var whole = await PostGitHubAsync(Fixture("github/ping/payload.json"), "ping", "d-chunked", Secret, cancellationToken, inChunks: true);
        var oversized = await ProblemAsync(await PostGitHubAsync(new byte[65536 + 1], "issues", "d-chunked-big", Secret, cancellationToken, inChunks: true), cancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, whole.StatusCode);
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "hooks.body-too-large"), oversized);
    }

    [Fact(Timeout = 60_000)]
    public async Task EveryOutcomeIsCountedBySourceAndUnknownSourcesShareOneTag()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var body = Fixture("github/ping/payload.json");
        using var http = host.AnonymousClient();

        await PostGitHubAsync(body, "ping", "d-counted", "not the secret", cancellationToken);
        await http.PostAsync("/hooks/made-up-source-" + Guid.NewGuid().ToString("N"), new ByteArrayContent(body), cancellationToken);

        var counted = await MetricLinesEventuallyAsync(
            http, "switchboard_webhooks_received_total{", lines => lines.Any(line => line.Contains("source=\"unknown\"", StringComparison.Ordinal)), cancellationToken);

        Assert.Contains(counted, line => line.Contains("source=\"github\"", StringComparison.Ordinal) && line.Contains("outcome=\"hooks.bad-signature\"", StringComparison.Ordinal));
        Assert.Contains(counted, line => line.Contains("source=\"unknown\"", StringComparison.Ordinal) && line.Contains("outcome=\"hooks.unknown-source\"", StringComparison.Ordinal));
        Assert.DoesNotContain(counted, line => line.Contains("made-up-source", StringComparison.Ordinal));
    }

    /// <summary>How far behind each consumer is: the first thing to look at when alerts reach their channels late.</summary>
    [Fact(Timeout = 60_000)]
    public async Task HowLongEachConsumerTookToHandleEventsIsOnTheMetricsPage()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("channel create hooks-lag", cancellationToken);
        await host.RunAsAdminAsync("subscribe github Codertocat/Hello-World issues --in #hooks-lag", cancellationToken);
        using var http = host.AnonymousClient();
        // The hosts of a test process share their meters' listeners, so other hosts' series may stand beside this one's.
        static double HandledByNotify(string[] lines) =>
            lines.Where(line => line.Contains("consumer=\"notify\"", StringComparison.Ordinal))
                .Sum(line => double.Parse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture));
        const string Handled = "switchboard_eventlog_consumer_lag_seconds_count{";
        var before = HandledByNotify(await MetricLinesEventuallyAsync(http, Handled, _ => true, cancellationToken));

        await PostGitHubAsync(Fixture("github/issues/opened.payload.json"), "issues", "delivery-lag-1", Secret, cancellationToken);
        await host.MessagesEventuallyAsync("hooks-lag", 1, cancellationToken);
        var after = HandledByNotify(await MetricLinesEventuallyAsync(http, Handled, lines => HandledByNotify(lines) > before, cancellationToken));

        Assert.True(after >= before + 1, $"notify's handled events went from {before} to {after}");
    }

    /// <summary>The lines of <c>/metrics</c> that start with <paramref name="prefix"/>, once they satisfy <paramref name="enough"/> or after 10 s.</summary>
    private static async Task<string[]> MetricLinesEventuallyAsync(
        HttpClient http, string prefix, Func<string[], bool> enough, CancellationToken cancellationToken)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        string[] lines;
        do
        {
            await Task.Delay(200, cancellationToken);
            lines = (await http.GetStringAsync("/metrics", cancellationToken)).Split('\n')
                .Where(line => line.StartsWith(prefix, StringComparison.Ordinal)).ToArray();
        }
        while (waited.Elapsed < TimeSpan.FromSeconds(10) && !enough(lines));

        return lines;
    }

    /// <summary>The server receives into 32 KB buffers: a body that spans several is verified and kept whole.</summary>
    [Fact(Timeout = 60_000)]
    public async Task ABodyLongerThanAReceiveBufferIsVerifiedAndKeptWhole()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var body = Webhooks.Edited(Fixture("github/issues/opened.payload.json"), payload => payload["issue"]!["body"] = new string('x', 50_000));

        var response = await PostGitHubAsync(body, "issues", "delivery-long-body", Secret, cancellationToken);
        var listed = await host.EventuallyAsync("delivery-long-body", "handled", cancellationToken);
        var shown = await host.RunAsAdminAsync($"events show {LoggedEvents.IdOf(listed)}", cancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("`Codertocat/Hello-World`", shown.Field("Ordering key"));
        Assert.Contains($" characters ({body.Length:N0} bytes)", shown.Text, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task AVerifiedBodyThatIsNotJsonIsKeptAndListedAsDeadLetteredWithItsError()
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        var response = await PostGitHubAsync("not json at all"u8.ToArray(), "issues", "delivery-garbled", Secret, cancellationToken);
        var listed = await host.EventuallyAsync("delivery-garbled", "dead-lettered", cancellationToken);
        var shown = await host.RunAsAdminAsync($"events show {LoggedEvents.IdOf(listed)}", cancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Matches(@" · github `issues` · `delivery-garbled` · dead-lettered: Json\w*Exception: ", listed);
        Assert.Contains("`not json at all`", shown.Text, StringComparison.Ordinal);
    }

    /// <summary>Every engine keeps its events where <c>events</c> reads them: Kafka's archive consumer copies the first delivery of each.</summary>
    [Fact(Timeout = 60_000)]
    public async Task AnEventDeliveredTwiceIsListedOnceAndAReplayReachesAChannelSubscribedSinceOnce()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("channel create hooks-replayed", cancellationToken);
        var body = Webhooks.Edited(Fixture("github/issues/opened.payload.json"), payload => payload["repository"]!["full_name"] = "Codertocat/replayed");
        await PostGitHubAsync(body, "issues", "delivery-replayed-1", Secret, cancellationToken);
        await PostGitHubAsync(body, "issues", "delivery-replayed-1", Secret, cancellationToken);
        var id = LoggedEvents.IdOf(await host.EventuallyAsync("delivery-replayed-1", "handled", cancellationToken));
        await host.RunAsAdminAsync("subscribe github Codertocat/replayed issues --in #hooks-replayed", cancellationToken);

        var first = await host.RunAsAdminAsync($"events replay {id}", cancellationToken);
        var second = await host.RunAsAdminAsync($"events replay {id}", cancellationToken);

        Assert.Equal($"Replayed event {id}: posted to #hooks-replayed.", first.Text);
        Assert.Equal($"Event {id} was not posted again: #hooks-replayed had it already.", second.Text);
        Assert.Single(await host.MessagesEventuallyAsync("hooks-replayed", 1, cancellationToken));
        Assert.NotNull(await host.LineAsync("delivery-replayed-1", cancellationToken));
    }

    [Fact(Timeout = 60_000)]
    public async Task ACustomSourceSignsWithStandardWebhooksAndAnIdTooLongToKeepIsRefused()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var body = """{"type":"change.approved","title":"Failover drill","service":"api"}"""u8.ToArray();

        var accepted = await host.PostCustomAsync("change-control", body, "msg_change_1", HookSettings.CustomSecret, cancellationToken);
        var tooLong = await ProblemAsync(await host.PostCustomAsync("change-control", body, "msg_" + new string('x', 300), HookSettings.CustomSecret, cancellationToken), cancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal((HttpStatusCode.BadRequest, "hooks.key-too-long"), tooLong);
    }

    private async Task<HttpResponseMessage> PostGitHubAsync(
        byte[] body, string eventType, string delivery, string secret, CancellationToken cancellationToken, byte[]? signWith = null, bool inChunks = false)
    {
        using var http = host.AnonymousClient();
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/github") { Content = content };
        request.Headers.TransferEncodingChunked = inChunks;
        request.Headers.Add("X-GitHub-Event", eventType);
        request.Headers.Add("X-GitHub-Delivery", delivery);
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signWith ?? body)));
        return await http.SendAsync(request, cancellationToken);
    }

    private async Task<IReadOnlyList<string>> BridgedEventuallyAsync(int count, CancellationToken cancellationToken)
    {
        var webhook = HookSettings.BridgeOf(provider);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(20));
        while (receiver.Accepted(webhook).Count < count)
        {
            await Task.Delay(50, deadline.Token);
        }

        return receiver.Accepted(webhook);
    }

    private static async Task<(HttpStatusCode, string?)> ProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var problem = await ApiOutcome.ReadAsync(response, cancellationToken);
        return (problem.Status, problem.Code);
    }

    /// <summary>On the embedded engine each append batch is timed: what the senders of the next batch wait for.</summary>
    protected async Task AppendBatchesAreTimedOnTheMetricsPageAsync(CancellationToken cancellationToken)
    {
        using var http = host.AnonymousClient();
        const string Timed = "switchboard_eventlog_append_duration_seconds_count";
        static double Count(string[] lines) => lines.Sum(line => double.Parse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture));
        var before = Count(await MetricLinesEventuallyAsync(http, Timed, _ => true, cancellationToken));

        await PostGitHubAsync(Fixture("github/ping/payload.json"), "ping", "delivery-timed-1", Secret, cancellationToken);
        var after = Count(await MetricLinesEventuallyAsync(http, Timed, lines => Count(lines) > before, cancellationToken));

        Assert.True(after > before, $"Timed append batches went from {before} to {after}");
    }

    private static byte[] Fixture(string path) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", path));
}

public sealed class HookIngressOnSqliteTests(HookIngressOnSqliteTests.HooksHost host, WebhookReceiver receiver)
    : HookIngressTests(host, receiver, "sqlite"), IClassFixture<HookIngressOnSqliteTests.HooksHost>
{
    [Fact(Timeout = 60_000)]
    public Task AppendBatchesAreTimedOnTheMetricsPage() => AppendBatchesAreTimedOnTheMetricsPageAsync(TestContext.Current.CancellationToken);

    public sealed class HooksHost(WebhookReceiver receiver) : SqliteHost
    {
        protected override IReadOnlyDictionary<string, string> Settings => HookSettings.For(receiver, "sqlite");
    }
}

public sealed class HookIngressOnPostgresTests(HookIngressOnPostgresTests.HooksHost host, WebhookReceiver receiver)
    : HookIngressTests(host, receiver, "postgres"), IClassFixture<HookIngressOnPostgresTests.HooksHost>
{
    [Fact(Timeout = 60_000)]
    public Task AppendBatchesAreTimedOnTheMetricsPage() => AppendBatchesAreTimedOnTheMetricsPageAsync(TestContext.Current.CancellationToken);

    public sealed class HooksHost(PostgresServer server, WebhookReceiver receiver) : SwitchboardHost
    {
        protected override string Provider => "Postgres";

        protected override IReadOnlyDictionary<string, string> Settings => HookSettings.For(receiver, "postgres");

        protected override Task<string> CreateDatabaseAsync() => server.CreateDatabaseAsync();
    }
}

/// <summary>On the Kafka engine (librdkafka's mock cluster) with PostgreSQL, as Switchboard runs at scale.</summary>
public sealed class HookIngressOnKafkaTests(HookIngressOnKafkaTests.HooksHost host, WebhookReceiver receiver)
    : HookIngressTests(host, receiver, "kafka"), IClassFixture<HookIngressOnKafkaTests.HooksHost>
{
    protected override bool RefusesRepeatsWhenAppending => false;

    public sealed class HooksHost(PostgresServer server, KafkaMockCluster kafka, WebhookReceiver receiver) : SwitchboardHost
    {
        private readonly string _topic = kafka.CreateTopic("hooks", partitions: 3);

        protected override string Provider => "Postgres";

        protected override IReadOnlyDictionary<string, string> Settings =>
            HookSettings.For(receiver, "kafka").Concat(kafka.EngineSettings(_topic)).ToDictionary();

        protected override Task<string> CreateDatabaseAsync() => server.CreateDatabaseAsync();
    }
}

/// <summary>The webhook sources every host accepts, and #hooks-pulls bridged to the receiver as well.</summary>
internal static class HookSettings
{
    public const string Secret = "It's a Secret to Everybody";
    public const string OldSecret = "the secret before rotation";
    public static readonly string CustomSecret = "whsec_" + Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    public static string BridgeOf(string provider) => $"{provider}-hooks-pulls";

    public static IReadOnlyDictionary<string, string> For(WebhookReceiver receiver, string provider) => new Dictionary<string, string>
    {
        ["Hooks:github:Secrets:0"] = Secret,
        ["Hooks:github:Secrets:1"] = OldSecret,
        ["Hooks:github:MaxBodyBytes"] = "65536",
        ["Hooks:change-control:Secrets:0"] = CustomSecret,
        ["Delivery:Channels:hooks-pulls:Webhook:Url"] = receiver.Url(BridgeOf(provider)).ToString(),
    };
}
