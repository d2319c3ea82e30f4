using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Switchboard.EventLog;

/// <summary>
/// <c>switchboard.eventlog.append.batch_size</c>: events per commit. On PostgreSQL a commit is a sync; on SQLite a WAL sync
/// covers every batch committed while the one before it ran, so at least this many.
/// <c>switchboard.eventlog.append.duration</c>: how long writing and committing a batch took, what every sender of the next
/// batch waits for; on PostgreSQL with the sync, on SQLite without (it runs while the next batch is written).
/// <c>switchboard.eventlog.consumer.lag</c>: how far behind each consumer is, the first thing to look at when alerts reach
/// their channels late. <c>switchboard.eventlog.pruned</c>: events dropped once older than the retention.
/// </summary>
public sealed class EventLogTelemetry
{
    public const string Name = "Switchboard.EventLog";

    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _batchDuration;
    private readonly Histogram<double> _consumerLag;
    private readonly Counter<long> _pruned;

    public EventLogTelemetry(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        _batchSize = meter.CreateHistogram<int>("switchboard.eventlog.append.batch_size", "{event}", "Events written by one committed append batch.");
        _batchDuration = meter.CreateHistogram<double>(
            "switchboard.eventlog.append.duration",
            "s",
            "Time to write and commit one append batch.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.015, 0.025, 0.05, 0.1, 0.25, 1] });
        _consumerLag = meter.CreateHistogram<double>(
            "switchboard.eventlog.consumer.lag",
            "s",
            "Time from an event's receipt to the commit of its handling, by consumer.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10, 60, 600, 3600] });
        _pruned = meter.CreateCounter<long>("switchboard.eventlog.pruned", "{event}", "Events dropped from the log once older than its retention.");
    }

    internal void BatchCommitted(int events, TimeSpan took)
    {
        _batchSize.Record(events);
        _batchDuration.Record(took.TotalSeconds);
    }

    internal void Pruned(int events) => _pruned.Add(events);

    internal void Handled(string consumer, LoggedEvent logged, DateTimeOffset committedAt) =>
        _consumerLag.Record((committedAt - logged.ReceivedAt).TotalSeconds, new TagList { { "consumer", consumer } });
}
