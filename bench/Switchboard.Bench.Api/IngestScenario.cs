using System.Net;

namespace Switchboard.Bench.Api;

/// <param name="Batches">Events and commits of the event log during the closed-loop load; null for the minimal endpoint.</param>
/// <param name="EndToEnd">Null for the minimal endpoint, which keeps nothing.</param>
internal sealed record IngestResult(string Name, ScenarioResult Run, BatchSizes? Batches, EndToEndResult? EndToEnd);

/// <summary>
/// One server started once: for Switchboard, <c>subscribe</c> into <c>#ops</c>, the open-loop run to the channel, then the
/// closed-loop load of signed deliveries with the event log's batch sizes read from <c>/metrics</c> before and after.
/// </summary>
internal static class IngestScenario
{
    public const string Channel = "ops";
    private const string Subscribe = "subscribe github Codertocat/Hello-World issues --in #ops";

    public static async Task<IngestResult> RunMinimalAsync(GitHubDelivery deliveries, BenchSettings settings, CancellationToken cancellationToken)
    {
        var server = ServerUnderTest.Baseline(SecretSetting(deliveries));
        var url = Scenario.LoopbackUrl();
        await using var process = await Scenario.StartAsync(server, url, "", [], cancellationToken);
        return new IngestResult(server.Name, await LoadAsync(server, process, url, deliveries.Next, HttpStatusCode.Accepted, settings, cancellationToken), null, null);
    }

    /// <param name="database">The server's database settings as command-line arguments; none for SQLite in the data directory.</param>
    public static async Task<IngestResult> RunSwitchboardAsync(
        string name, string dataDirectory, IReadOnlyList<string> database, GitHubDelivery deliveries, BenchSettings settings, CancellationToken cancellationToken)
    {
        var token = await Bootstrap.RunAsync(settings.ServerDll, dataDirectory, database, cancellationToken);
        var server = ServerUnderTest.Switchboard(settings.ServerDll, dataDirectory, [.. database, .. SecretSetting(deliveries)]) with { Name = name };
        var url = Scenario.LoopbackUrl();
        await using var process = await Scenario.StartAsync(server, url, token, [], cancellationToken);
        using var client = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(10) };
        using (var subscribed = await client.SendAsync(RunCommand.Request(token, Subscribe), cancellationToken))
        {
            if (subscribed.StatusCode != HttpStatusCode.OK)
            {
                throw new BenchFailure($"{name} answered '{Subscribe}' with {(int)subscribed.StatusCode}: {await subscribed.Content.ReadAsStringAsync(cancellationToken)}");
            }
        }

        await Console.Error.WriteLineAsync($"{name}: {settings.Rate} deliveries/s for {settings.WarmUp.TotalSeconds} s warm-up + {settings.Duration.TotalSeconds} s, read from #{Channel}");
        var endToEnd = await new EndToEnd(settings.Rate, settings.WarmUp, settings.Duration, Channel).RunAsync(url, token, deliveries, cancellationToken);
        await Console.Error.WriteLineAsync($"{name}: end to end p99 {endToEnd.PercentileMilliseconds(99):F1} ms, {endToEnd.Missing} missing");
        if (endToEnd.Missing > 0)
        {
            await Console.Error.WriteLineAsync($"{name}'s last output:{Environment.NewLine}{process.Tail}");
        }

        var before = await BatchSizes.ReadAsync(client, cancellationToken);
        var run = await LoadAsync(server, process, url, deliveries.Next, HttpStatusCode.Accepted, settings, cancellationToken);
        return new IngestResult(name, run, await BatchSizes.ReadAsync(client, cancellationToken) - before, endToEnd);
    }

    private static string[] SecretSetting(GitHubDelivery deliveries) => [$"--{GitHubDelivery.SecretSetting}", deliveries.Secret];

    /// <summary>The closed loop against one started server, with its CPU time and memory around it.</summary>
    public static async Task<ScenarioResult> LoadAsync(
        ServerUnderTest server, ChildProcess process, Uri url, Func<HttpRequestMessage> next, HttpStatusCode expected, BenchSettings settings, CancellationToken cancellationToken)
    {
        var before = process.ResidentMegabytes();
        await Console.Error.WriteLineAsync($"{server.Name}: {settings.Clients} clients for {settings.WarmUp.TotalSeconds} s warm-up + {settings.Duration.TotalSeconds} s");
        var cpuBefore = process.CpuTime();
        var switchesBefore = LoadSwitches.Of(process);
        var load = await new LoadGenerator(settings.Clients, settings.WarmUp, settings.Duration).RunAsync(url, next, expected, cancellationToken);
        if (process.HasExited)
        {
            throw new BenchFailure($"{server.Name} exited under load:{Environment.NewLine}{process.Tail}");
        }

        var result = new ScenarioResult([], before, load, process.CpuTime() - cpuBefore, process.ResidentMegabytes(), LoadSwitches.Of(process) - switchesBefore);
        await Console.Error.WriteLineAsync($"{server.Name}: {load.RequestsPerSecond:F0} answered {(int)expected}/s, p99 {load.PercentileMilliseconds(99):F2} ms");
        return result;
    }
}
