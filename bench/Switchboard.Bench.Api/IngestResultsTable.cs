using System.Globalization;
using System.Text;

namespace Switchboard.Bench.Api;

/// <summary>The ingest results as a markdown table, with the targets of the issue that asked for this scenario.</summary>
internal static class IngestResultsTable
{
    private const double ThroughputTargetShare = 0.5;
    private const double P99TargetMilliseconds = 15;
    private const double EndToEndP99TargetMilliseconds = 100;

    /// <param name="what">What was sent, e.g. <c>Signed GitHub `issues` deliveries</c>.</param>
    /// <param name="baselines">
    /// The minimal endpoint measured before the engines and again after them. Other work on a shared machine moves its
    /// rate by a fifth from one run to the next; the engines' ratios are to the mean of both, which brackets them.
    /// </param>
    public static string Render(string what, IReadOnlyList<IngestResult> baselines, IReadOnlyList<IngestResult> engines, BenchSettings settings)
    {
        var all = baselines.Concat(engines).ToList();
        var baselineRate = baselines.Average(result => result.Run.Load.RequestsPerSecond);
        bool IsBaseline(IngestResult result) => baselines.Contains(result);
        var hasEndToEnd = all.Any(result => result.EndToEnd is not null);
        var endToEnd = hasEndToEnd
            ? Invariant($"; end to end at {settings.Rate:0} per second, open loop, for the same times.")
            : ".";
        var table = new StringBuilder()
            .AppendLine(Invariant($"{what} ({baselines[0].Run.Load.Latencies.Length} measured on the minimal endpoint's first run); {settings.Clients} clients, closed loop, {settings.WarmUp.TotalSeconds:0.#} s warm-up + {settings.Duration.TotalSeconds:0.#} s measured{endToEnd}"))
            .AppendLine()
            .AppendLine(Invariant($"| Measure | {string.Join(" | ", all.Select(result => result.Name))} | Target |"))
            .AppendLine("| --- |" + string.Concat(all.Select(_ => " ---: |")) + " --- |")
            .AppendLine(Row("Acknowledged requests/s", all, result => Number(result.Run.Load.RequestsPerSecond, "0")))
            .AppendLine(Row("Throughput / minimal endpoint", all, result => IsBaseline(result) ? "" : Met(result.Run.Load.RequestsPerSecond / baselineRate, ThroughputTargetShare, "P1", higher: true), Invariant($"at least {ThroughputTargetShare:P0} of the minimal endpoint's mean, {baselineRate:0}")))
            .AppendLine(Row("Latency p50 (ms)", all, result => Number(result.Run.Load.PercentileMilliseconds(50), "0.00")))
            .AppendLine(Row("Latency p99 (ms)", all, result => IsBaseline(result) ? Number(result.Run.Load.PercentileMilliseconds(99), "0.00") : Met(result.Run.Load.PercentileMilliseconds(99), P99TargetMilliseconds, "0.00", higher: false), $"under {P99TargetMilliseconds:0}"))
            .AppendLine(Row("Unexpected answers (of measured)", all, result => Number(result.Run.Load.Failures, "0"), "0"))
            .AppendLine(Row("Events per commit, mean", all, result => result.Batches is { } batches ? Number(batches.EventsPerCommit, "0.0") : ""))
            .AppendLine(Row("Commits during the load", all, result => result.Batches is { } batches ? Number(batches.Commits, "0") : ""))
            .AppendLine(Row("Writing and committing a batch, mean (ms; PostgreSQL's with its sync)", all, result => result.Batches is { } batches ? Number(batches.MeanMilliseconds, "0.00") : ""))
            .AppendLine(Row("Batches over 10 ms", all, result => result.Batches is { } batches ? batches.ShareOver10Milliseconds.ToString("P2", CultureInfo.InvariantCulture) : ""))
            .AppendLine(Row("Server CPU per request (ms)", all, result => Number(result.Run.CpuMillisecondsPerRequest, "0.000")))
            .AppendLine(Row("Server CPU under load (cores)", all, result => Number(result.Run.CoresUnderLoad, "0.00")))
            .AppendLine(Row("Context switches per request, server", all, result => Number(result.Run.ServerSwitchesPerRequest, "0.00")))
            .AppendLine(Row("Context switches per request, load generator", all, result => Number(result.Run.LoadGeneratorSwitchesPerRequest, "0.00")))
            .AppendLine(Row("RSS after load (MB)", all, result => Number(result.Run.LoadedMegabytes, "0")));
        if (hasEndToEnd)
        {
            table.AppendLine(Row(Invariant($"End to end p50 at {settings.Rate:0}/s (ms)"), all, result => result.EndToEnd is { } e2e ? Number(e2e.PercentileMilliseconds(50), "0.0") : ""))
                .AppendLine(Row(Invariant($"End to end p99 at {settings.Rate:0}/s (ms)"), all, result => result.EndToEnd is { } e2e ? Met(e2e.PercentileMilliseconds(99), EndToEndP99TargetMilliseconds, "0.0", higher: false) : "", $"under {EndToEndP99TargetMilliseconds:0}"))
                .AppendLine(Row("End to end: arrived / not arrived / refused", all, result => result.EndToEnd is { } e2e ? Invariant($"{e2e.Latencies.Length} / {e2e.Missing} / {e2e.Refused}") : "", "all arrived"))
                .AppendLine(Row("`notify` consumer lag, measured deliveries, mean (ms)", all, result => result.EndToEnd is { } e2e ? Number(e2e.NotifyLag.MeanMilliseconds, "0.0") : ""))
                .AppendLine(Row("`notify` consumer lag, measured deliveries, over 100 ms", all, result => result.EndToEnd is { } e2e ? e2e.NotifyLag.ShareOver100Milliseconds.ToString("P1", CultureInfo.InvariantCulture) : ""));
        }

        foreach (var result in all)
        {
            foreach (var failure in new[] { result.Run.Load.FirstFailure, result.EndToEnd?.FirstRefusal }.OfType<string>())
            {
                table.AppendLine().AppendLine(Invariant($"{result.Name}'s first failure: {failure}"));
            }
        }

        return table.ToString();
    }

    public static bool AllAccepted(IEnumerable<IngestResult> results) =>
        results.All(result => result.Run.Load.Failures == 0 && result.EndToEnd is null or { Missing: 0, Refused: 0 });

    private static string Row(string measure, IEnumerable<IngestResult> results, Func<IngestResult, string> cell, string target = "") =>
        $"| {measure} | {string.Join(" | ", results.Select(cell))} | {target} |";

    private static string Met(double value, double target, string format, bool higher) =>
        (higher ? value >= target : value < target) ? Number(value, format) : $"**{Number(value, format)}**";

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
