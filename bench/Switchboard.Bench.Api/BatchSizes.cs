namespace Switchboard.Bench.Api;

/// <summary>The sum and count of <c>switchboard.eventlog.append.batch_size</c> from the server's <c>/metrics</c>: events and commits so far.</summary>
internal sealed record BatchSizes(double Events, double Commits)
{
    private const string Metric = "switchboard_eventlog_append_batch_size";

    public static async Task<BatchSizes> ReadAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var page = await MetricsPage.ReadAsync(client, cancellationToken);
        return new BatchSizes(page.Sum(Metric + "_sum"), page.Sum(Metric + "_count"));
    }

    public static BatchSizes operator -(BatchSizes after, BatchSizes before) => new(after.Events - before.Events, after.Commits - before.Commits);

    public double EventsPerCommit => Events / Commits;
}
