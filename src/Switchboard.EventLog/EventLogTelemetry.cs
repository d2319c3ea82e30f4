using System.Diagnostics.Metrics;

namespace Switchboard.EventLog;

/// <summary><c>switchboard.eventlog.append.batch_size</c>: events per commit. On PostgreSQL a commit is a sync; on SQLite a WAL sync covers every batch committed while the one before it ran, so at least this many.</summary>
public sealed class EventLogTelemetry
{
    public const string Name = "Switchboard.EventLog";

    private readonly Histogram<int> _batchSize;

    public EventLogTelemetry(IMeterFactory meters) =>
        _batchSize = meters.Create(Name).CreateHistogram<int>(
            "switchboard.eventlog.append.batch_size", "{event}", "Events written by one committed append batch.");

    internal void BatchCommitted(int events) => _batchSize.Record(events);
}
