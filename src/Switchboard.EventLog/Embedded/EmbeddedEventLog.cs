using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Switchboard.Data;
using Switchboard.Data.Batching;

namespace Switchboard.EventLog.Embedded;

/// <summary>
/// The event log as a table in Switchboard's own database. Appends are group-committed, so many
/// concurrent webhooks share one fsync, and <c>ON CONFLICT DO NOTHING</c> turns a redelivery into a
/// no-op without aborting the batch beside it.
/// </summary>
internal sealed class EmbeddedEventLog : IEventLog, IAsyncDisposable
{
    private const int MaxBatch = 200;
    private readonly IDbContextFactory<SwitchboardDbContext> _contexts;
    private readonly EventLogActivity _activity;
    private readonly WriterTurns _turns;
    private readonly EventLogTelemetry _telemetry;
    private readonly GroupCommitQueue<EventRow, Appended> _queue;

    /// <summary>Used by the queue's one writer task only; null until the first batch and after a failed one.</summary>
    private AppendConnection? _connection;

    public EmbeddedEventLog(
        IDbContextFactory<SwitchboardDbContext> contexts,
        EventLogActivity activity,
        WriterTurns turns,
        EventLogTelemetry telemetry,
        ILogger<EmbeddedEventLog> logger)
    {
        _contexts = contexts;
        _activity = activity;
        _turns = turns;
        _telemetry = telemetry;
        // A caller whose append fails answers its sender with an error, so nothing is acknowledged unkept.
        _queue = new GroupCommitQueue<EventRow, Appended>(
            WriteBatchAsync,
            (exception, count) => logger.AppendBatchFailed(exception, count),
            MaxBatch);
    }

    public async Task<AppendOutcome> AppendAsync(IncomingEvent incoming, CancellationToken cancellationToken)
    {
        using (_activity.Appending())
        {
            var appended = await _queue.WriteAsync(EventRow.For(incoming), cancellationToken);
            await appended.Durable;
            return appended.Outcome;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _queue.DisposeAsync();
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }

    /// <returns>For each event, whether it was new; a repeat of a key, in the log or earlier in the batch, is a duplicate.</returns>
    private async Task<IReadOnlyList<Appended>> WriteBatchAsync(IReadOnlyList<EventRow> batch)
    {
        _connection ??= await AppendConnection.OpenAsync(_contexts);
        bool[] inserted;
        Task durable;
        try
        {
            (inserted, durable) = await _connection.WriteAsync(batch, _turns);
        }
        catch
        {
            // The connection may be what failed (a database restarted, a file gone): the next batch opens another.
            await _connection.DisposeAsync();
            _connection = null;
            throw;
        }

        _telemetry.BatchCommitted(batch.Count);
        _activity.Appended();
        return [.. inserted.Select(isNew => new Appended(isNew ? AppendOutcome.Appended : AppendOutcome.Duplicate, durable))];
    }

    /// <param name="Durable">Completes once the commit is on the disk: its sender is answered only then.</param>
    private sealed record Appended(AppendOutcome Outcome, Task Durable);
}
