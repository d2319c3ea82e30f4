using System.Diagnostics;
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
    private readonly IngressPressure _pressure;

    /// <summary>Kept when a connection is dropped.</summary>
    private readonly LoggedKeys _keys;
    private readonly WriterTurns _turns;
    private readonly EventLogTelemetry _telemetry;
    private readonly GroupCommitQueue<EventRow, AppendOutcome> _queue;
    private readonly ILogger<EmbeddedEventLog> _logger;

    /// <summary>Used by the queue's one writer task only; null until the first batch and after a failed one.</summary>
    private AppendConnection? _connection;

    /// <summary>On SQLite in WAL mode, made with the first connection and kept, for a failed sync to be remembered.</summary>
    private WalSyncs? _walSyncs;

    public EmbeddedEventLog(
        IDbContextFactory<SwitchboardDbContext> contexts,
        EventLogActivity activity,
        IngressPressure pressure,
        LoggedKeys keys,
        WriterTurns turns,
        EventLogTelemetry telemetry,
        ILogger<EmbeddedEventLog> logger)
    {
        _contexts = contexts;
        _activity = activity;
        _pressure = pressure;
        _keys = keys;
        _turns = turns;
        _telemetry = telemetry;
        _logger = logger;
        // A caller whose append fails answers its sender with an error, so nothing is acknowledged unkept.
        _queue = new GroupCommitQueue<EventRow, AppendOutcome>(
            WriteBatchAsync,
            (exception, count) => logger.AppendBatchFailed(exception, count),
            MaxBatch);
    }

    public async Task<AppendOutcome> AppendAsync(IncomingEvent incoming, CancellationToken cancellationToken)
    {
        using (_pressure.Appending())
        {
            return await _queue.WriteAsync(EventRow.For(incoming), cancellationToken);
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

    /// <returns>
    /// For each event, whether it was new (a repeat of a key, in the log or earlier in the batch, is a duplicate), and when
    /// the commit is on the disk: none of the senders is answered before, not even those of repeats, whose first
    /// delivery may have committed without yet reaching it.
    /// </returns>
    private async Task<WrittenBatch<AppendOutcome>> WriteBatchAsync(IReadOnlyList<EventRow> batch)
    {
        var started = Stopwatch.GetTimestamp();
        var reused = _connection is not null;
        bool[] inserted;
        try
        {
            inserted = await WriteThroughHeldConnectionAsync(batch);
        }
        catch (Exception exception) when (reused)
        {
            // A connection held since an earlier batch may have been cut (a database restarted, an idle connection
            // ended); one try on a fresh one spares this batch's senders an error. A repeat inserts nothing twice.
            _logger.AppendRetriedOnNewConnection(exception);
            inserted = await WriteThroughHeldConnectionAsync(batch);
        }

        var durable = _walSyncs?.SyncedAsync() ?? Task.CompletedTask;
        _telemetry.BatchCommitted(batch.Count, Stopwatch.GetElapsedTime(started));
        _activity.Appended();
        return new WrittenBatch<AppendOutcome>([.. inserted.Select(isNew => isNew ? AppendOutcome.Appended : AppendOutcome.Duplicate)], durable);
    }

    private async Task<bool[]> WriteThroughHeldConnectionAsync(IReadOnlyList<EventRow> batch)
    {
        _connection ??= await AppendConnection.OpenAsync(_contexts, _keys);
        if (_connection.WalToSync is { } wal)
        {
            _walSyncs ??= new WalSyncs(wal, _logger);
        }

        try
        {
            return await _connection.WriteAsync(batch, _turns);
        }
        catch
        {
            // The connection may be what failed: the next write opens another.
            var failed = _connection;
            _connection = null;
            await failed.DropAsync();
            throw;
        }
    }
}
