using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Switchboard.Data.Database;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Hosting;

/// <summary>
/// The server as an operator runs it: the built program in its own process, with the embedded
/// defaults, a data directory of its own, the bootstrap sub-command and the readiness probe; and at
/// scale, web and worker processes sharing PostgreSQL and Kafka (librdkafka's mock cluster).
/// </summary>
public sealed partial class ServerProcessTests(PostgresServer postgres, KafkaMockCluster kafka) : IDisposable
{
    private static readonly string ServerDll = Path.Combine(AppContext.BaseDirectory, "Switchboard.Server.dll");
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("switchboard-process-").FullName;
    private readonly List<Process> _started = [];

    [Fact]
    public async Task BootstrapPrintsATokenOnceAndRefusesASecondAdmin()
    {
        var first = await RunToEndAsync("bootstrap", "--email", "ops-lead@example.com", "--name", "Ops Lead");
        var second = await RunToEndAsync("bootstrap", "--email", "intruder@example.com");

        Assert.Equal(0, first.ExitCode);
        Assert.StartsWith("swb_", first.Output.Trim().Split('\n')[^1], StringComparison.Ordinal);
        Assert.Equal(1, second.ExitCode);
        Assert.Contains("already has an administrator", second.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheServerBecomesReadyAndRunsCommandsAsTheBootstrappedAdmin()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var token = (await RunToEndAsync("bootstrap", "--email", "first@example.com")).Output.Trim().Split('\n')[^1];
        var port = FreePort();
        var server = Start("--urls", $"http://127.0.0.1:{port}");
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        await WaitUntilReadyAsync(client, server, cancellationToken);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var whoami = await client.PostAsJsonAsync("/api/commands", new { text = "whoami" }, cancellationToken);
        var metrics = await client.GetStringAsync("/metrics", cancellationToken);

        Assert.Equal(HttpStatusCode.OK, whoami.StatusCode);
        Assert.Contains("first@example.com", await whoami.Content.ReadAsStringAsync(cancellationToken), StringComparison.Ordinal);
        Assert.Contains("switchboard_command_invocations", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLinkBootstrapPrintsSignsTheAdminInToTheConsole()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var port = FreePort();
        var publicUrl = $"http://localhost:{port}";
        var bootstrap = await RunToEndAsync("bootstrap", "--email", "newcomer@example.com", "--Switchboard:PublicUrl", publicUrl);
        var link = new Uri(bootstrap.Output.Split('\n').Single(line => line.StartsWith(publicUrl + "/signin/", StringComparison.Ordinal)));
        var server = Start("--urls", $"http://127.0.0.1:{port}", "--Switchboard:PublicUrl", publicUrl);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await WaitUntilReadyAsync(client, server, cancellationToken);
        using var browser = new ConsoleSession(client.BaseAddress);

        var console = await browser.SignInAsync(link, cancellationToken);
        var created = await browser.RunAsync("team create ops", cancellationToken);

        Assert.Equal("/", console.RedirectedTo);
        Assert.Contains("@newcomer", console.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Contains("Created team ops", created.Text, StringComparison.Ordinal);
    }

    /// <summary>
    /// The promise behind every 2xx: GitHub is posting while the server is killed with SIGKILL and
    /// restarted, then redelivers everything (as an operator would after an outage). Every delivery that
    /// was acknowledged, and every other one after the redelivery, reaches #ops exactly once.
    /// </summary>
    [Fact]
    public async Task WebhooksAcknowledgedBeforeASigkillAreEachPostedExactlyOnceAfterTheRestart()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        const string secret = "crash-test-secret";
        string[] hooks = ["--Hooks:github:Secrets:0", secret];
        var token = (await RunToEndAsync(["bootstrap", "--email", "crash@example.com", .. hooks])).Output.Trim().Split('\n')[^1];
        var port = FreePort();
        string[] serve = ["--urls", $"http://127.0.0.1:{port}", .. hooks];
        var server = Start(serve);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await WaitUntilReadyAsync(client, server, cancellationToken);
        using var subscribed = await client.PostAsJsonAsync(
            "/api/commands", new { text = "subscribe github Codertocat/Hello-World issues --in #ops" }, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, subscribed.StatusCode);
        var template = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "fixtures", "github", "issues", "opened.payload.json"), cancellationToken);
        var deliveries = Enumerable.Range(1, 60)
            .Select(i => (Id: $"crash-{i:D2}", Body: Encoding.UTF8.GetBytes(template.Replace("Spelling error in the README file", $"Crash test {i:D2}", StringComparison.Ordinal))))
            .ToList();

        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<string>();
        var sending = Parallel.ForEachAsync(deliveries, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (delivery, ct) =>
        {
            try
            {
                using var response = await client.SendAsync(GitHubDelivery(delivery.Id, delivery.Body, secret), ct);
                if (response.IsSuccessStatusCode)
                {
                    acknowledged.Add(delivery.Id);
                }
            }
            catch (HttpRequestException)
            {
                // The server died under this request: GitHub would mark the delivery failed.
            }
        });
        while (acknowledged.Count < 15)
        {
            await Task.Delay(5, cancellationToken);
        }

        server.Kill(entireProcessTree: true);
        await sending;
        var killedAfter = acknowledged.ToHashSet();
        server = Start(serve);
        await WaitUntilReadyAsync(client, server, cancellationToken);
        var afterRestart = await OpsTitlesEventuallyAsync(client, killedAfter, cancellationToken);
        foreach (var delivery in deliveries)
        {
            using var redelivered = await client.SendAsync(GitHubDelivery(delivery.Id, delivery.Body, secret), cancellationToken);
            Assert.True(redelivered.IsSuccessStatusCode, $"{delivery.Id}: {(int)redelivered.StatusCode}");
        }

        var everything = await OpsTitlesEventuallyAsync(client, deliveries.Select(d => d.Id).ToHashSet(), cancellationToken);
        Assert.True(killedAfter.Count < deliveries.Count, "The server was killed too late to test anything.");
        Assert.All(killedAfter, id => Assert.Equal(1, afterRestart.Count(title => title == id)));
        Assert.Equal(deliveries.Select(d => d.Id).Order(StringComparer.Ordinal), everything.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// Two worker processes share the topic's partitions: the second joins while webhooks stream in, and
    /// the first is then killed with SIGKILL, so the second takes over partitions whose events the first
    /// may have handled without committing their offsets. Twenty deliveries are sent twice, which Kafka
    /// appends twice. Every delivery is still posted to #ops exactly once.
    /// </summary>
    [Fact(Timeout = 180_000)]
    public async Task KafkaWorkersThatJoinAndDieMidStreamPostEachWebhookExactlyOnce()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var database = await postgres.CreateDatabaseAsync();
        await MigrateAsync(database, cancellationToken);
        var engine = kafka.EngineSettings(kafka.CreateTopic("workers", partitions: 6));
        string[] worker =
        [
            "--role", "worker", "--Database:Provider", "Postgres", "--ConnectionStrings:Switchboard", database,
            .. engine.SelectMany(setting => new[] { "--" + setting.Key, setting.Value }),
        ];
        var (first, firstLog) = StartWatched([.. worker, "--urls", $"http://127.0.0.1:{FreePort()}"]);
        await using var web = new KafkaWebHost(database, engine);
        await web.InitializeAsync();
        await web.RunAsAdminAsync("subscribe github Codertocat/Hello-World issues --in #ops", cancellationToken);
        using var client = web.ApiClient(web.Admin);
        var template = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "fixtures", "github", "issues", "opened.payload.json"), cancellationToken);
        var deliveries = Enumerable.Range(1, 90)
            .Select(i => (Id: $"crash-{i:D2}", Body: Encoding.UTF8.GetBytes(template.Replace("Spelling error in the README file", $"Crash test {i:D2}", StringComparison.Ordinal))))
            .ToList();
        var sent = 0;
        async Task SendAsync((string Id, byte[] Body) delivery)
        {
            using var response = await client.SendAsync(GitHubDelivery(delivery.Id, delivery.Body, KafkaWebHost.Secret), cancellationToken);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        await AssignedAsync(first, firstLog, cancellationToken);
        for (; sent < 20; sent++)
        {
            await SendAsync(deliveries[sent]);
        }

        var (second, secondLog) = StartWatched([.. worker, "--urls", $"http://127.0.0.1:{FreePort()}"]);
        for (; sent < 60 && !IsAssigned(secondLog); sent++)
        {
            await SendAsync(deliveries[sent]);
            await Task.Delay(200, cancellationToken);
        }

        await AssignedAsync(second, secondLog, cancellationToken);
        foreach (var delivery in deliveries.Skip(sent).Take(15))
        {
            await SendAsync(delivery);
        }

        first.Kill(entireProcessTree: true);
        foreach (var delivery in deliveries.Skip(sent + 15).Concat(deliveries.Take(20)))
        {
            await SendAsync(delivery);
        }

        var posted = await OpsTitlesEventuallyAsync(client, deliveries.Select(d => d.Id).ToHashSet(), cancellationToken);
        Assert.Equal(deliveries.Select(d => d.Id), posted.Order(StringComparer.Ordinal));
        Assert.Equal(deliveries.Count, await ArchivedEventuallyAsync(database, deliveries.Count, cancellationToken));
        Assert.False(second.HasExited, "The second worker died.");
    }

    [Fact]
    public async Task AWebRoleOnSqliteRefusesToStart()
    {
        var result = await RunToEndAsync("--role", "web", "--urls", $"http://127.0.0.1:{FreePort()}");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Database:Provider", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInvalidSettingIsNamedAndTheServerDoesNotStart()
    {
        var result = await RunToEndAsync("--EventLog:RetentionDays", "-1", "--urls", $"http://127.0.0.1:{FreePort()}");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("EventLog:RetentionDays must be a number of days from 0", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWebRoleRefusesAnUnmigratedDatabaseAndStartsOnceMigrateHasRun()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        string[] database = ["--Database:Provider", "Postgres", "--ConnectionStrings:Switchboard", await postgres.CreateDatabaseAsync()];
        var port = FreePort();

        var refused = await RunToEndAsync([.. database, "--role", "web", "--urls", $"http://127.0.0.1:{port}"]);
        var migrated = await RunToEndAsync(["migrate", .. database]);
        var server = Start([.. database, "--role", "web", "--urls", $"http://127.0.0.1:{port}"]);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("run the 'migrate' command first", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, migrated.ExitCode);
        await WaitUntilReadyAsync(client, server, cancellationToken);
    }

    public void Dispose()
    {
        foreach (var process in _started)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }

            process.Dispose();
        }

        Directory.Delete(_dataDirectory, recursive: true);
    }

    private Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(ServerDll);
        foreach (var argument in arguments.Append("--Switchboard:DataDirectory").Append(_dataDirectory))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        _started.Add(process);
        return process;
    }

    /// <summary>A server whose console log is collected as it is written (an unread pipe would block it once full).</summary>
    private (Process Server, ConcurrentQueue<string> Log) StartWatched(params string[] arguments)
    {
        var log = new ConcurrentQueue<string>();
        var server = Start(arguments);
        server.OutputDataReceived += (_, line) => log.Enqueue(line.Data ?? "");
        server.ErrorDataReceived += (_, line) => log.Enqueue(line.Data ?? "");
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        return (server, log);
    }

    /// <summary>Whether the worker's notify consumer has been given partitions of its own.</summary>
    private static bool IsAssigned(ConcurrentQueue<string> log) =>
        log.Any(line => line.Contains("Consumer notify was assigned partitions workers-", StringComparison.Ordinal));

    private static async Task AssignedAsync(Process worker, ConcurrentQueue<string> log, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (!IsAssigned(log))
        {
            Assert.False(worker.HasExited, "The worker exited:\n" + string.Join('\n', log));
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), "The worker was given no partitions within 60 s:\n" + string.Join('\n', log));
            await Task.Delay(50, cancellationToken);
        }
    }

    private async Task<(int ExitCode, string Output, string Error)> RunToEndAsync(params string[] arguments)
    {
        var process = Start(arguments);
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        return (process.ExitCode, await output, await error);
    }

    private static async Task WaitUntilReadyAsync(HttpClient client, Process server, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (server.HasExited)
            {
                // Why it stopped is in what it wrote; without it a failure in CI says nothing.
                var error = await server.StandardError.ReadToEndAsync(cancellationToken);
                var output = await server.StandardOutput.ReadToEndAsync(cancellationToken);
                Assert.Fail($"The server exited with {server.ExitCode} before it was ready.\n{error}\n{output[Math.Max(0, output.Length - 4000)..]}");
            }

            try
            {
                using var ready = await client.GetAsync("/readyz", cancellationToken);
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(50, cancellationToken);
        }

        Assert.Fail("The server did not become ready within 60 s.");
    }

    private static HttpRequestMessage GitHubDelivery(string id, byte[] body, string secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/github") { Content = new ByteArrayContent(body) };
        request.Headers.Add("X-GitHub-Event", "issues");
        request.Headers.Add("X-GitHub-Delivery", id);
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body)));
        return request;
    }

    /// <summary>The crash-test deliveries posted in #ops, one entry per message, once all of these are there and nothing more comes.</summary>
    private static async Task<List<string>> OpsTitlesEventuallyAsync(HttpClient client, HashSet<string> expected, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        List<string> titles = [];
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            titles = await OpsTitlesAsync(client, cancellationToken);
            if (expected.IsSubsetOf(titles))
            {
                // Let a consumer that would post twice have its chance to.
                await Task.Delay(1000, cancellationToken);
                return await OpsTitlesAsync(client, cancellationToken);
            }

            await Task.Delay(100, cancellationToken);
        }

        Assert.Fail($"Only {titles.Count} of the {expected.Count} deliveries reached #ops within 60 s.");
        return titles;
    }

    private static async Task<List<string>> OpsTitlesAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var messages = await client.GetFromJsonAsync<List<CrashMessage>>("/api/channels/ops/messages?limit=500", cancellationToken);
        return messages!.Select(m => CrashTitle().Match(m.Text)).Where(m => m.Success).Select(m => "crash-" + m.Groups[1].Value).ToList();
    }

    /// <summary>How many events the Kafka engine's archive keeps for operators, once it has kept the expected number.</summary>
    private static async Task<long> ArchivedEventuallyAsync(string database, int expected, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(cancellationToken);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM event_log_entries", connection);
        var deadline = Stopwatch.StartNew();
        long archived;
        while ((archived = (long)(await count.ExecuteScalarAsync(cancellationToken))!) < expected && deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100, cancellationToken);
        }

        return archived;
    }

    /// <summary>Applies the schema as the <c>migrate</c> sub-command does, without starting a process for it.</summary>
    private static async Task MigrateAsync(string database, CancellationToken cancellationToken)
    {
        await using var db = WholeModel.CreateContext(new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = database });
        await db.Database.MigrateAsync(cancellationToken);
    }

    [GeneratedRegex("Crash test (\\d{2})")]
    private static partial Regex CrashTitle();

    private sealed record CrashMessage(string Text);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A web-role server in this process on a migrated PostgreSQL database, appending to Kafka; it runs no consumers.</summary>
internal sealed class KafkaWebHost(string database, IReadOnlyDictionary<string, string> engine) : SwitchboardHost
{
    public const string Secret = "kafka-workers-secret";

    protected override string Provider => "Postgres";

    protected override IReadOnlyDictionary<string, string> Settings { get; } =
        new Dictionary<string, string>(engine) { ["role"] = "web", ["Hooks:github:Secrets:0"] = Secret };

    protected override Task<string> CreateDatabaseAsync() => Task.FromResult(database);
}
