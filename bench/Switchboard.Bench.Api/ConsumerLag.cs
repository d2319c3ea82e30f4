namespace Switchboard.Bench.Api;

/// <summary>
/// One consumer's <c>switchboard.eventlog.consumer.lag</c> from the server's <c>/metrics</c>: events handled so far, their
/// lags' sum, and how many were handled within 100 ms of their receipt (a bucket's bound).
/// </summary>
internal sealed record ConsumerLag(double Events, double Seconds, double Within100Milliseconds)
{
    private const string Metric = "switchboard_eventlog_consumer_lag_seconds";

    public double MeanMilliseconds => Events == 0 ? 0 : Seconds / Events * 1000;

    public double ShareOver100Milliseconds => Events == 0 ? 0 : 1 - (Within100Milliseconds / Events);

    public static async Task<ConsumerLag> ReadAsync(HttpClient client, string consumer, CancellationToken cancellationToken)
    {
        var page = await MetricsPage.ReadAsync(client, cancellationToken);
        var of = $"consumer=\"{consumer}\"";
        return new ConsumerLag(page.Sum(Metric + "_count", of), page.Sum(Metric + "_sum", of), page.Sum(Metric + "_bucket", of, "le=\"0.1\""));
    }

    public static ConsumerLag operator -(ConsumerLag after, ConsumerLag before) =>
        new(after.Events - before.Events, after.Seconds - before.Seconds, after.Within100Milliseconds - before.Within100Milliseconds);
}
