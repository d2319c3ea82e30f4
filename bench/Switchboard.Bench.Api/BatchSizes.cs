using System.Globalization;

namespace Switchboard.Bench.Api;

/// <summary>The sum and count of <c>switchboard.eventlog.append.batch_size</c> from the server's <c>/metrics</c>: events and commits so far.</summary>
internal sealed record BatchSizes(double Events, double Commits)
{
    private const string Metric = "switchboard_eventlog_append_batch_size";

    public static async Task<BatchSizes> ReadAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var lines = (await client.GetStringAsync(new Uri("/metrics", UriKind.Relative), cancellationToken)).Split('\n');
        return new BatchSizes(Sum(lines, "_sum"), Sum(lines, "_count"));
    }

    public static BatchSizes operator -(BatchSizes after, BatchSizes before) => new(after.Events - before.Events, after.Commits - before.Commits);

    public double EventsPerCommit => Events / Commits;

    private static double Sum(string[] lines, string suffix) =>
        lines.Select(line => line.Split(' '))
            .Where(parts => parts.Length >= 2 && parts[0].StartsWith(Metric, StringComparison.Ordinal) && parts[0].Split('{')[0].EndsWith(suffix, StringComparison.Ordinal))
            .Sum(parts => double.Parse(parts[1], CultureInfo.InvariantCulture));
}
