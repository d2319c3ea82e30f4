using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Switchboard.Testing;

namespace Switchboard.Delivery.Tests.Outbox;

/// <summary>
/// The outbox as it delivers a bridged channel to an incoming webhook on loopback that fails, rate-limits
/// and recovers. The host's clock moves only when a test moves it, so backoffs and <c>Retry-After</c> are
/// waited out exactly as long as the test says.
/// </summary>
public abstract class OutboxTests(SwitchboardHost host, WebhookReceiver receiver, string provider)
{
    [Fact]
    public async Task EveryMessageArrivesOnceAndInOrderThroughServerErrorsAndARateLimit()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var webhook = await BridgedChannelAsync("bridged", cancellationToken);
        receiver.AnswerNext(webhook, WebhookAnswer.ServerError, WebhookAnswer.ServerError, WebhookAnswer.ServerError, WebhookAnswer.TooManyRequests(1));
        var said = Enumerable.Range(1, 12).Select(i => $"update {i:D2}").ToList();

        foreach (var text in said)
        {
            await host.RunAsAdminAsync($"say #bridged {text}", cancellationToken);
        }

        await host.AdvanceClockUntilAsync(() => receiver.Accepted(webhook).Count >= said.Count, TimeSpan.FromSeconds(30), cancellationToken);
        await Task.Delay(300, cancellationToken);
        var requests = receiver.Requests(webhook);
        Assert.Equal(said.Select(text => $"@admin: {text}"), receiver.Accepted(webhook));
        Assert.Equal([500, 500, 500, 429, 200], requests.Take(5).Select(r => r.Answer.Status));
        Assert.Equal(said.Count + 4, requests.Count);
        Assert.Single(requests.Take(5).Select(r => r.IdempotencyKey).Distinct());
        Assert.Equal(said.Count, requests.Select(r => r.IdempotencyKey).Distinct().Count());
    }

    [Fact]
    public async Task ARateLimitedMessageIsNotTriedAgainBeforeItsRetryAfter()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var webhook = await BridgedChannelAsync("paced", cancellationToken);
        receiver.AnswerNext(webhook, WebhookAnswer.TooManyRequests(2));

        await host.RunAsAdminAsync("say #paced wait for it", cancellationToken);
        await Eventually.HoldsAsync(() => receiver.Requests(webhook).Count == 1, cancellationToken);
        // The retry is timed from when the dispatcher read the 429, which is a moment after the receiver answered it.
        await Eventually.HoldsAsync(() => host.Logs.GetSnapshot().Any(r => r.Id.Id == 4000 && r.Message.Contains("#paced", StringComparison.Ordinal)), cancellationToken);
        host.Clock.Advance(TimeSpan.FromMilliseconds(1900));
        await Task.Delay(1500, cancellationToken);
        var beforeRetryAfter = receiver.Requests(webhook).Count;
        host.Clock.Advance(TimeSpan.FromMilliseconds(100));

        await Eventually.HoldsAsync(() => receiver.Accepted(webhook).Count == 1, cancellationToken);
        Assert.Equal(1, beforeRetryAfter);
        Assert.Equal([429, 200], receiver.Requests(webhook).Select(r => r.Answer.Status));
    }

    [Fact]
    public async Task AChannelThatKeepsFailingIsDeadLetteredWhileAnotherKeepsFlowingAndARetryDeliversIt()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var broken = await BridgedChannelAsync("broken", cancellationToken);
        var healthy = await BridgedChannelAsync("healthy", cancellationToken);
        receiver.AnswerAlways(broken, WebhookAnswer.ServerError);

        await host.RunAsAdminAsync("say #broken lost for now", cancellationToken);
        await host.RunAsAdminAsync("say #healthy first", cancellationToken);
        await Eventually.HoldsAsync(() => receiver.Accepted(healthy).Count == 1, cancellationToken);
        await host.AdvanceClockUntilAsync(() => receiver.Requests(broken).Count >= OutboxSettings.MaxAttempts, TimeSpan.FromSeconds(30), cancellationToken);
        await host.RunAsAdminAsync("say #healthy second", cancellationToken);
        await Eventually.HoldsAsync(() => receiver.Accepted(healthy).Count == 2, cancellationToken);
        var failed = await host.FailedDeliveriesNamingAsync("#broken", cancellationToken);
        host.Clock.Advance(TimeSpan.FromMinutes(5));
        await Task.Delay(1200, cancellationToken);
        var attemptsWhenDead = receiver.Requests(broken).Count;
        receiver.AnswerAlways(broken, null);
        var retry = await host.RunAsAdminAsync("deliveries retry --all", cancellationToken);
        await Eventually.HoldsAsync(() => receiver.Accepted(broken).Count == 1, cancellationToken);
        var afterRetry = await host.RunAsAdminAsync("deliveries failed", cancellationToken);

        Assert.Equal(["@admin: first", "@admin: second"], receiver.Accepted(healthy));
        Assert.Equal(OutboxSettings.MaxAttempts, attemptsWhenDead);
        Assert.Contains("#broken (webhook)", failed, StringComparison.Ordinal);
        Assert.Contains($"Attempts:   {OutboxSettings.MaxAttempts}", failed, StringComparison.Ordinal);
        Assert.Contains("The webhook answered 500 Internal Server Error.", failed, StringComparison.Ordinal);
        Assert.Equal("Sending 1 failed delivery again.", retry.Text);
        Assert.Equal(["@admin: lost for now"], receiver.Accepted(broken));
        Assert.DoesNotContain("#broken", afterRetry.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliveriesPendingWhenTheServerStopsAreDeliveredAfterItStartsAgain()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var webhook = await BridgedChannelAsync("restarted", cancellationToken);
        receiver.AnswerAlways(webhook, WebhookAnswer.ServerError);
        await host.RunAsAdminAsync("say #restarted one", cancellationToken);
        await host.RunAsAdminAsync("say #restarted two", cancellationToken);
        await host.RunAsAdminAsync("say #restarted three", cancellationToken);
        await Eventually.HoldsAsync(() => receiver.Requests(webhook).Count >= 1, cancellationToken);

        await host.RestartAsync();
        receiver.AnswerAlways(webhook, null);
        await host.AdvanceClockUntilAsync(() => receiver.Accepted(webhook).Count >= 3, TimeSpan.FromSeconds(30), cancellationToken);
        await Task.Delay(300, cancellationToken);

        Assert.Equal(["@admin: one", "@admin: two", "@admin: three"], receiver.Accepted(webhook));
    }

    [Fact]
    public async Task TheBuiltInHistoryKeepsWhatWasSaidWhileTheBridgeIsDown()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var webhook = await BridgedChannelAsync("history", cancellationToken);
        receiver.AnswerAlways(webhook, WebhookAnswer.ServerError);

        await host.RunAsAdminAsync("say #history still here", cancellationToken);

        using var client = host.ApiClient(host.Admin);
        var messages = await client.GetStringAsync("/api/channels/history/messages", cancellationToken);
        Assert.Contains("\"text\":\"still here\"", messages, StringComparison.Ordinal);
        receiver.AnswerAlways(webhook, null);
    }

    /// <summary>
    /// The built-in channel is written in the enqueuing transaction when nothing of its stream waits; what
    /// does wait (here put there directly, as a crashed process would leave it) goes out in order, threaded.
    /// </summary>
    [Fact]
    public async Task EntriesWaitingForTheBuiltInChannelAreDeliveredInOrderAndThreaded()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("channel create waiting", cancellationToken);
        var due = provider == "sqlite" ? "1767225600000" : "'2026-01-01T00:00:00Z'";
        string[] texts = ["opened", "merged"];
        var rows = string.Join(", ", texts.Select(text =>
            $"('waiting', 'builtin', '{{\"blocks\":[{{\"type\":\"text\",\"markdown\":\"{text}\"}}]}}', 'test:1', {due}, 0, {due})"));
        // Raw SQL is a format string: its braces are doubled.
        await host.ExecuteSqlAsync(
            "INSERT INTO delivery_outbox (channel, adapter, reply_json, thread_key, enqueued_at, attempts, next_attempt_at) VALUES " +
            rows.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal),
            cancellationToken);

        var waited = Stopwatch.StartNew();
        while ((await ReadAsync("waiting", cancellationToken)).Count < 2 && waited.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(100, cancellationToken);
        }

        await Task.Delay(300, cancellationToken);
        var messages = await ReadAsync("waiting", cancellationToken);

        Assert.Equal(["opened", "merged"], messages.Select(m => m.Text));
        Assert.Null(messages[0].ThreadOf);
        Assert.Equal(messages[0].Id, messages[1].ThreadOf);
    }

    [Fact]
    public async Task OnlyAdministratorsSeeAndRetryFailedDeliveries()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var member = await host.AddPersonAsync($"member-{provider}", cancellationToken);

        var list = await host.RunAsync(member, "deliveries failed", cancellationToken);
        var retry = await host.RunAsync(member, "deliveries retry --all", cancellationToken);

        Assert.Equal((HttpStatusCode.Forbidden, "core.permission-denied"), (list.Status, list.Code));
        Assert.Equal((HttpStatusCode.Forbidden, "core.permission-denied"), (retry.Status, retry.Code));
    }

    [Theory]
    [InlineData("deliveries retry", HttpStatusCode.BadRequest, "deliveries.retry-what")]
    [InlineData("deliveries retry 7 --all", HttpStatusCode.BadRequest, "deliveries.retry-what")]
    [InlineData("deliveries retry 987654", HttpStatusCode.NotFound, "deliveries.not-failed")]
    public async Task ARetryMustNameOneFailedDeliveryOrAll(string command, HttpStatusCode status, string code)
    {
        var outcome = await host.RunAsync(host.Admin, command, TestContext.Current.CancellationToken);

        Assert.Equal((status, code), (outcome.Status, outcome.Code));
    }

    private async Task<List<ChannelMessage>> ReadAsync(string channel, CancellationToken cancellationToken)
    {
        using var client = host.ApiClient(host.Admin);
        return await client.GetFromJsonAsync<List<ChannelMessage>>($"/api/channels/{channel}/messages", cancellationToken) ?? [];
    }

    private sealed record ChannelMessage(long Id, string Text, long? ThreadOf);

    private async Task<string> BridgedChannelAsync(string channel, CancellationToken cancellationToken)
    {
        await host.RunAsAdminAsync($"channel create {channel}", cancellationToken);
        return OutboxSettings.Webhook(provider, channel);
    }
}

/// <summary>A small budget and short backoffs, and every channel these tests create bridged to the receiver.</summary>
internal static class OutboxSettings
{
    public const int MaxAttempts = 6;

    private static readonly string[] Channels = ["bridged", "paced", "broken", "healthy", "restarted", "history"];

    public static string Webhook(string provider, string channel) => $"{provider}-{channel}";

    public static IReadOnlyDictionary<string, string> For(WebhookReceiver receiver, string provider)
    {
        var settings = new Dictionary<string, string>
        {
            ["Delivery:Outbox:MaxAttempts"] = MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Delivery:Outbox:FirstRetryDelay"] = "00:00:00.100",
            ["Delivery:Outbox:MaxRetryDelay"] = "00:00:01",
        };
        foreach (var channel in Channels)
        {
            settings[$"Delivery:Channels:{channel}:Webhook:Url"] = receiver.Url(Webhook(provider, channel)).ToString();
        }

        return settings;
    }
}

public sealed class OutboxOnSqliteTests(OutboxOnSqliteTests.BridgedHost host, WebhookReceiver receiver)
    : OutboxTests(host, receiver, "sqlite"), IClassFixture<OutboxOnSqliteTests.BridgedHost>
{
    public sealed class BridgedHost(WebhookReceiver receiver) : SqliteHost
    {
        protected override IReadOnlyDictionary<string, string> Settings => OutboxSettings.For(receiver, "sqlite");
    }
}

public sealed class OutboxOnPostgresTests(OutboxOnPostgresTests.BridgedHost host, WebhookReceiver receiver)
    : OutboxTests(host, receiver, "postgres"), IClassFixture<OutboxOnPostgresTests.BridgedHost>
{
    public sealed class BridgedHost(PostgresServer server, WebhookReceiver receiver) : SwitchboardHost
    {
        protected override string Provider => "Postgres";

        protected override IReadOnlyDictionary<string, string> Settings => OutboxSettings.For(receiver, "postgres");

        protected override Task<string> CreateDatabaseAsync() => server.CreateDatabaseAsync();
    }
}
