using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Switchboard.Bench.Api;

/// <param name="Wall">From process start to the first 200 from the probe.</param>
/// <param name="Cpu">The CPU time the process had used by then: less disturbed than <paramref name="Wall"/> on a busy machine.</param>
internal sealed record ColdStart(TimeSpan Wall, TimeSpan Cpu);

/// <param name="LoadCpu">The server's CPU time over the whole load, warm-up included.</param>
internal sealed record ScenarioResult(IReadOnlyList<ColdStart> Starts, double IdleMegabytes, LoadResult Load, TimeSpan LoadCpu, double LoadedMegabytes, LoadSwitches Switches)
{
    public double CpuMillisecondsPerRequest => LoadCpu.TotalMilliseconds / Load.Sent;

    public double ServerSwitchesPerRequest => (double)Switches.Server / Load.Sent;

    public double LoadGeneratorSwitchesPerRequest => (double)Switches.LoadGenerator / Load.Sent;

    public double CoresUnderLoad => LoadCpu / Load.Elapsed;
}

/// <summary>Context switches of the server and of this load generator, over the warm-up and the measured load.</summary>
internal sealed record LoadSwitches(long Server, long LoadGenerator)
{
    public static LoadSwitches Of(ChildProcess server) => new(ContextSwitches.Of(server.Id), ContextSwitches.Of(Environment.ProcessId));

    public static LoadSwitches operator -(LoadSwitches after, LoadSwitches before) => new(after.Server - before.Server, after.LoadGenerator - before.LoadGenerator);
}

/// <summary>Cold starts, then idle memory and load on the last process started.</summary>
internal static class Scenario
{
    private const int WarmUpRequests = 20;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan IdlePause = TimeSpan.FromSeconds(2);

    public static async Task<ScenarioResult> RunAsync(ServerUnderTest server, string token, BenchSettings settings, CancellationToken cancellationToken)
    {
        var starts = new List<ColdStart>();
        for (var run = 1; run < settings.Starts; run++)
        {
            await using var earlier = await StartAsync(server, LoopbackUrl(), token, starts, cancellationToken);
        }

        var url = LoopbackUrl();
        await using var process = await StartAsync(server, url, token, starts, cancellationToken);
        using var client = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(10) };
        for (var i = 0; i < WarmUpRequests; i++)
        {
            using var response = await client.SendAsync(RunCommand.Request(token), cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new BenchFailure($"{server.Name} answered a warm-up request with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
        }

        await Task.Delay(IdlePause, cancellationToken);
        var idle = process.ResidentMegabytes();
        await Console.Error.WriteLineAsync($"{server.Name}: idle RSS {idle:F1} MB; {settings.Clients} clients for {settings.WarmUp.TotalSeconds} s warm-up + {settings.Duration.TotalSeconds} s");
        var cpuBefore = process.CpuTime();
        var switchesBefore = LoadSwitches.Of(process);
        var load = await new LoadGenerator(settings.Clients, settings.WarmUp, settings.Duration).RunAsync(url, () => RunCommand.Request(token), HttpStatusCode.OK, cancellationToken);
        if (process.HasExited)
        {
            throw new BenchFailure($"{server.Name} exited under load:{Environment.NewLine}{process.Tail}");
        }

        var result = new ScenarioResult(starts, idle, load, process.CpuTime() - cpuBefore, process.ResidentMegabytes(), LoadSwitches.Of(process) - switchesBefore);
        await Console.Error.WriteLineAsync($"{server.Name}: {load.RequestsPerSecond:F0} requests/s, {process.Threads()} threads after load");
        return result;
    }

    public static async Task<ChildProcess> StartAsync(ServerUnderTest server, Uri url, string token, List<ColdStart> starts, CancellationToken cancellationToken)
    {
        var process = ChildProcess.Start(server.Dll, server.Arguments(url));
        try
        {
            starts.Add(await ReadyAsync(process, url, () => server.Probe(token), cancellationToken));
            await Console.Error.WriteLineAsync($"{server.Name}: start {starts.Count} ready after {starts[^1].Wall.TotalMilliseconds:F0} ms, {starts[^1].Cpu.TotalMilliseconds:F0} ms CPU");
            return process;
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    private static async Task<ColdStart> ReadyAsync(ChildProcess process, Uri url, Func<HttpRequestMessage> probe, CancellationToken cancellationToken)
    {
        // A new client per start, so that no pooled connection outlives the process it was made to.
        using var client = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(5) };
        while (Stopwatch.GetElapsedTime(process.StartedAt) < ReadyTimeout)
        {
            if (process.HasExited)
            {
                throw new BenchFailure($"The server exited before it was ready:{Environment.NewLine}{process.Tail}");
            }

            try
            {
                using var response = await client.SendAsync(probe(), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return new ColdStart(Stopwatch.GetElapsedTime(process.StartedAt), process.CpuTime());
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Listening, but too busy starting to answer within the client's timeout.
            }

            await Task.Delay(PollInterval, cancellationToken);
        }

        throw new BenchFailure($"The server was not ready within {ReadyTimeout.TotalSeconds} s:{Environment.NewLine}{process.Tail}");
    }

    /// <summary>A port the system has just handed out, so free for the server unless another process races for it.</summary>
    public static Uri LoopbackUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");
    }
}
