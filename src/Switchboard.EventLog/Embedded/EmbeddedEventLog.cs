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
    private readonly WriterTurns _turns;
    private readonly EventLogTelemetry _telemetry;
    private readonly GroupCommitQueue<EventRow, AppendOutcome> _queue;

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
        _queue = new GroupCommitQueue<EventRow, AppendOutcome>(
            WriteBatchAsync,
            (exception, count) => logger.AppendBatchFailed(exception, count),
            MaxBatch);
    }

    public Task<AppendOutcome> AppendAsync(IncomingEvent incoming, CancellationToken cancellationToken) => _queue.WriteAsync(EventRow.For(incoming), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _queue.DisposeAsync();
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }

    /// <returns>For each event, whether it was new; a repeat of a key, in the log or earlier in the batch, is a duplicate.</returns>
    private async Task<IReadOnlyList<AppendOutcome>> WriteBatchAsync(IReadOnlyList<EventRow> batch)
    {
        _connection ??= await AppendConnection.OpenAsync(_contexts);
        bool[] inserted;
        try
        {
            inserted = await _connection.WriteAsync(batch, _turns);
        }
        catch
        {
            // The connection may be what failed (a database restarted, a file gone): the next batch opens another.
            await _connection.DisposeAsync();
            _connection = null;
            throw;
        }

        _telemetry.BatchCommitted(batch.Count);
        _activity.Appended(batch.Count);
        return [.. inserted.Select(isNew => isNew ? AppendOutcome.Appended : AppendOutcome.Duplicate)];
    }
}

/// <summary>
/// Wakes this process's consumers the moment events are appended here; they also poll, for other processes' appends.
/// And tells them when the ingress is pressed, so that they leave it the machine for a while: a sender waits for
/// its acknowledgement, a consumer only falls behind, and catches up once the burst is over. Pressed means that
/// a batch held <see cref="PressedBatch"/> events or more: senders queue faster than commits clear them. How long a
/// batch waited is no measure, because it waits for the consumers' turns too: at a steady rate the ingress could
/// take, consumers that stepped aside for that would fall behind for good.
/// </summary>
public sealed class EventLogActivity
{
    /// <summary>About what 5,000 webhooks/s bring in a commit's 3 ms; 1,000/s bring 3 to 10 between commits.</summary>
    private const int PressedBatch = 16;

    /// <summary>The longest a consumer steps aside at a time, so that a burst that never ends still lets it work.</summary>
    private static readonly TimeSpan LongestYield = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a pressed batch counts when no other follows: about two commits.</summary>
    private static readonly TimeSpan PressLasts = TimeSpan.FromMilliseconds(20);

    private static readonly TimeSpan Recheck = TimeSpan.FromMilliseconds(5);

    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastPressed;

    public Task NextAppendAsync() => Volatile.Read(ref _next).Task;

    /// <summary>Returns once the ingress is no longer pressed, or after <see cref="LongestYield"/>.</summary>
    public async Task WhileIngressPressedAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (Pressed && Stopwatch.GetElapsedTime(started) < LongestYield)
        {
            await Task.Delay(Recheck, cancellationToken);
        }
    }

    private bool Pressed => Interlocked.Read(ref _lastPressed) is var last and not 0 && Stopwatch.GetElapsedTime(last) < PressLasts;

    /// <param name="batchSize">How many events the batch just committed held.</param>
    internal void Appended(int batchSize)
    {
        if (batchSize >= PressedBatch)
        {
            Interlocked.Exchange(ref _lastPressed, Stopwatch.GetTimestamp());
        }

        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }
}
