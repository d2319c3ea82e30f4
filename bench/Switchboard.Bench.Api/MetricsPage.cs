using System.Globalization;

namespace Switchboard.Bench.Api;

/// <summary>The server's <c>/metrics</c> page, in Prometheus's text format.</summary>
internal sealed class MetricsPage(string[] lines)
{
    public static async Task<MetricsPage> ReadAsync(HttpClient client, CancellationToken cancellationToken) =>
        new((await client.GetStringAsync(new Uri("/metrics", UriKind.Relative), cancellationToken)).Split('\n'));

    /// <summary>The sum of the series named <paramref name="name"/> whose labels include each of <paramref name="labels"/>.</summary>
    public double Sum(string name, params string[] labels) =>
        lines.Select(line => line.Split(' '))
            .Where(parts => parts.Length >= 2
                && parts[0].Split('{')[0] == name
                && labels.All(label => parts[0].Contains(label, StringComparison.Ordinal)))
            .Sum(parts => double.Parse(parts[1], CultureInfo.InvariantCulture));
}
