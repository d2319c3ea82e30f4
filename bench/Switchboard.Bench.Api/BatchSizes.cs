namespace Switchboard.Bench.Api;

/// <summary>
/// <c>switchboard.eventlog.append.batch_size</c> and <c>.duration</c> from the server's <c>/metrics</c>: events and commits
/// so far, the time spent writing and committing them, and how many batches took up to 10 ms (a bucket's bound).
/// </summary>
internal sealed record BatchSizes(double Events, double Commits, double Seconds, double Within10Milliseconds)
{
    private const string Size = "switchboard_eventlog_append_batch_size";
    private const string Duration = "switchboard_eventlog_append_duration_seconds";

    public static async Task<BatchSizes> ReadAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var page = await MetricsPage.ReadAsync(client, cancellationToken);
        return new BatchSizes(
            page.Sum(Size + "_sum"), page.Sum(Size + "_count"), page.Sum(Duration + "_sum"), page.Sum(Duration + "_bucket", "le=\"0.01\""));
    }

    public static BatchSizes operator -(BatchSizes after, BatchSizes before) => new(
        after.Events - before.Events, after.Commits - before.Commits, after.Seconds - before.Seconds, after.Within10Milliseconds - before.Within10Milliseconds);

    public double EventsPerCommit => Events / Commits;

    public double MeanMilliseconds => Seconds / Commits * 1000;

    public double ShareOver10Milliseconds => 1 - (Within10Milliseconds / Commits);
}
