using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
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
    private readonly GroupCommitQueue<IncomingEvent, AppendOutcome> _queue;
    private readonly SqliteWal _wal = new();

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
        _queue = new GroupCommitQueue<IncomingEvent, AppendOutcome>(
            WriteBatchAsync,
            (exception, count) => logger.AppendBatchFailed(exception, count),
            MaxBatch);
    }

    public Task<AppendOutcome> AppendAsync(IncomingEvent incoming, CancellationToken cancellationToken) => _queue.WriteAsync(incoming, cancellationToken);

    public ValueTask DisposeAsync() => _queue.DisposeAsync();

    /// <returns>For each event, whether it was new; a repeat of a key, in the log or earlier in the batch, is a duplicate.</returns>
    private async Task<IReadOnlyList<AppendOutcome>> WriteBatchAsync(IReadOnlyList<IncomingEvent> batch)
    {
        await using var db = await _contexts.CreateDbContextAsync();
        var sqlite = db.Database.IsSqlite();

        var firstOfEachKey = batch.DistinctBy(e => (e.Source, e.DedupeKey)).ToList();
        var sql = new StringBuilder("INSERT INTO event_log_entries (source, dedupe_key, type, ordering_key, headers_json, body, received_at, position) VALUES ");
        var parameters = new List<object>();
        var lastPosition = firstOfEachKey.Count * 7;
        foreach (var (e, index) in firstOfEachKey.Select((e, i) => (e, i)))
        {
            var at = index * 7;
            // On SQLite one writer appends at a time, so positions given as it appends follow the commits; a duplicate leaves a gap.
            var position = sqlite ? $"{{{lastPosition}}} + {index + 1}" : "NULL";
            sql.Append(index == 0 ? "" : ", ")
                .Append(CultureInfo.InvariantCulture, $"({{{at}}}, {{{at + 1}}}, {{{at + 2}}}, {{{at + 3}}}, {{{at + 4}}}, {{{at + 5}}}, {{{at + 6}}}, {position})");
            parameters.AddRange([
                e.Source, e.DedupeKey, e.Type, (object?)e.OrderingKey ?? DBNull.Value, JsonSerializer.Serialize(e.Headers), e.Body,
                sqlite ? e.ReceivedAt.ToUnixTimeMilliseconds() : e.ReceivedAt.ToUniversalTime()]);
        }

        // Source names have no spaces, so "source key" names an event unambiguously.
        sql.Append(" ON CONFLICT (source, dedupe_key) DO NOTHING RETURNING source || ' ' || dedupe_key AS \"Value\"");
        HashSet<string> inserted;
        var walToFlush = sqlite ? await _wal.CommitsWithoutSyncAsync(db) : null;
        using (await _turns.TakeForAppendAsync(db))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            if (sqlite)
            {
                parameters.Add(await db.Database
                    .SqlQueryRaw<long>("SELECT COALESCE(MAX(position), 0) AS \"Value\" FROM event_log_entries")
                    .SingleAsync());
            }

            inserted = (await db.Database.SqlQueryRaw<string>(sql.ToString(), [.. parameters]).ToListAsync()).ToHashSet();
            await transaction.CommitAsync();
        }

        // Durable before acknowledged: the commit reaches the disk before any of its senders is answered.
        if (walToFlush is not null)
        {
            SqliteWal.FlushToDisk(walToFlush);
        }

        _telemetry.BatchCommitted(batch.Count);
        _activity.Appended(batch.Count);
        return [.. batch.Select(e => inserted.Remove(e.Source + " " + e.DedupeKey) ? AppendOutcome.Appended : AppendOutcome.Duplicate)];
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
