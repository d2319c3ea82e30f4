using System.Globalization;
using System.Text;

namespace Switchboard.Bench.Api;

/// <summary>The results as a markdown table, with the targets of the issue that asked for this bench.</summary>
internal static class ResultsTable
{
    private const double StartTargetMilliseconds = 2000;
    private const double IdleTargetMegabytes = 150;
    private const double P99TargetMilliseconds = 20;
    private const double ThroughputTargetShare = 0.30;

    public static string Render(ScenarioResult switchboard, ScenarioResult baseline, BenchSettings settings)
    {
        var share = switchboard.Load.RequestsPerSecond / baseline.Load.RequestsPerSecond;
        var slowestStart = Slowest(switchboard);
        var p99 = switchboard.Load.PercentileMilliseconds(99);
        var table = new StringBuilder()
            .AppendLine(Invariant($"{settings.Clients} clients, {settings.WarmUp.TotalSeconds:0.#} s warm-up + {settings.Duration.TotalSeconds:0.#} s measured, {settings.Starts} cold starts per server."))
            .AppendLine()
            .AppendLine("| Measure | Switchboard | Minimal endpoint | Target | Met |")
            .AppendLine("| --- | ---: | ---: | --- | --- |")
            .AppendLine(Row($"Cold start to ready, median of {settings.Starts} (ms)", Median(switchboard, start => start.Wall), Median(baseline, start => start.Wall), "0"))
            .AppendLine(Row($"Cold start to ready, max of {settings.Starts} (ms)", slowestStart, Slowest(baseline), "0", $"under {StartTargetMilliseconds:0}", slowestStart < StartTargetMilliseconds))
            .AppendLine(Row("CPU time to ready, median (ms)", Median(switchboard, start => start.Cpu), Median(baseline, start => start.Cpu), "0"))
            .AppendLine(Row("Idle RSS (MB)", switchboard.IdleMegabytes, baseline.IdleMegabytes, "0.0", $"under {IdleTargetMegabytes:0}", switchboard.IdleMegabytes < IdleTargetMegabytes))
            .AppendLine(Row("Throughput (requests/s)", switchboard.Load.RequestsPerSecond, baseline.Load.RequestsPerSecond, "0"))
            .AppendLine(Invariant($"| Throughput, Switchboard / minimal endpoint | {share:P1} | | at least {ThroughputTargetShare:P0} | {YesNo(share >= ThroughputTargetShare)} |"))
            .AppendLine(Row("Latency p50 (ms)", switchboard.Load.PercentileMilliseconds(50), baseline.Load.PercentileMilliseconds(50), "0.00"))
            .AppendLine(Row("Latency p99 (ms)", p99, baseline.Load.PercentileMilliseconds(99), "0.00", $"under {P99TargetMilliseconds:0}", p99 < P99TargetMilliseconds))
            .AppendLine(Row("Requests measured", switchboard.Load.Latencies.Length, baseline.Load.Latencies.Length, "0"))
            .AppendLine(Row("Non-200 responses", switchboard.Load.Failures, baseline.Load.Failures, "0", "0", switchboard.Load.Failures + baseline.Load.Failures == 0))
            .AppendLine(Row("RSS after load (MB)", switchboard.LoadedMegabytes, baseline.LoadedMegabytes, "0.0"))
            .AppendLine(Row("Server CPU per request (ms)", switchboard.CpuMillisecondsPerRequest, baseline.CpuMillisecondsPerRequest, "0.000"))
            .AppendLine(Row("Server CPU under load (cores)", switchboard.CoresUnderLoad, baseline.CoresUnderLoad, "0.00"))
            .AppendLine(Row("Context switches per request, server", switchboard.ServerSwitchesPerRequest, baseline.ServerSwitchesPerRequest, "0.00"))
            .AppendLine(Row("Context switches per request, load generator", switchboard.LoadGeneratorSwitchesPerRequest, baseline.LoadGeneratorSwitchesPerRequest, "0.00"));

        foreach (var (name, load) in new[] { ("Switchboard", switchboard.Load), ("Minimal endpoint", baseline.Load) })
        {
            if (load.FirstFailure is { } failure)
            {
                table.AppendLine().AppendLine(Invariant($"{name}'s first failure: {failure}"));
            }
        }

        return table.ToString();
    }

    private static string Row(string measure, double switchboard, double baseline, string format, string target = "", bool? met = null) =>
        Invariant($"| {measure} | {switchboard.ToString(format, CultureInfo.InvariantCulture)} | {baseline.ToString(format, CultureInfo.InvariantCulture)} | {target} | {(met is { } value ? YesNo(value) : "")} |");

    private static string YesNo(bool met) => met ? "yes" : "**no**";

    private static double Median(ScenarioResult result, Func<ColdStart, TimeSpan> time)
    {
        var sorted = result.Starts.Select(time).Order().ToArray();
        return sorted.Length % 2 == 1
            ? sorted[sorted.Length / 2].TotalMilliseconds
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]).TotalMilliseconds / 2;
    }

    private static double Slowest(ScenarioResult result) => result.Starts.Max(start => start.Wall).TotalMilliseconds;

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
