using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Switchboard.Data;

namespace Switchboard.EventLog.Embedded;

/// <summary>
/// The event log as a table in Switchboard's own database. Appends are group-committed: callers queue
/// an event and wait for the transaction holding it, so many concurrent webhooks share one fsync, and
/// <c>ON CONFLICT DO NOTHING</c> turns a redelivery into a no-op without aborting the batch beside it.
/// </summary>
internal sealed class EmbeddedEventLog(IDbContextFactory<SwitchboardDbContext> contexts, EventLogActivity activity, ILogger<EmbeddedEventLog> logger)
    : IEventLog, IAsyncDisposable
{
    private const int MaxBatch = 200;

    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _startLock = new();
    private Task? _writer;

    public async Task<AppendOutcome> AppendAsync(IncomingEvent incoming, CancellationToken cancellationToken)
    {
        var pending = new PendingAppend(incoming, new TaskCompletionSource<AppendOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        EnsureWriterStarted();
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The event log is shutting down and takes no more events.");
        }

        // Not cancellable once queued: the caller learns whether it was kept, even if it stops waiting.
        return await pending.Outcome.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_writer is not null)
        {
            await _writer;
        }
    }

    private void EnsureWriterStarted()
    {
        if (_writer is not null)
        {
            return;
        }

        lock (_startLock)
        {
            _writer ??= Task.Run(WriteUntilClosedAsync);
        }
    }

    private async Task WriteUntilClosedAsync()
    {
        var batch = new List<PendingAppend>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
                var appended = await WriteBatchAsync(batch);
                foreach (var pending in batch)
                {
                    pending.Outcome.TrySetResult(appended.Remove(pending) ? AppendOutcome.Appended : AppendOutcome.Duplicate);
                }

                activity.Appended();
            }
            catch (Exception exception)
            {
                // The writer outlives any failure; each caller answers its sender with an error, so nothing is acknowledged unkept.
                logger.AppendBatchFailed(exception, batch.Count);
                batch.ForEach(p => p.Outcome.TrySetException(exception));
            }

            batch.Clear();
        }
    }

    /// <returns>The appends that were new; the others were duplicates.</returns>
    private async Task<HashSet<PendingAppend>> WriteBatchAsync(List<PendingAppend> batch)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var sqlite = db.Database.IsSqlite();
        if (sqlite)
        {
            // Durable before acknowledged: every commit reaches the disk (WAL is set when the database is prepared).
            await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=FULL;");
        }

        var firstOfEachKey = batch.GroupBy(p => (p.Event.Source, p.Event.DedupeKey)).Select(g => g.First()).ToList();
        var sql = new StringBuilder("INSERT INTO event_log_entries (source, dedupe_key, type, ordering_key, headers_json, body, received_at) VALUES ");
        var parameters = new List<object>();
        foreach (var (pending, index) in firstOfEachKey.Select((p, i) => (p, i)))
        {
            var e = pending.Event;
            var at = index * 7;
            sql.Append(index == 0 ? "" : ", ")
                .Append(CultureInfo.InvariantCulture, $"({{{at}}}, {{{at + 1}}}, {{{at + 2}}}, {{{at + 3}}}, {{{at + 4}}}, {{{at + 5}}}, {{{at + 6}}})");
            parameters.AddRange([
                e.Source, e.DedupeKey, e.Type, (object?)e.OrderingKey ?? DBNull.Value, JsonSerializer.Serialize(e.Headers), e.Body,
                sqlite ? e.ReceivedAt.ToUnixTimeMilliseconds() : e.ReceivedAt.ToUniversalTime()]);
        }

        // Source names have no spaces, so "source key" names an event unambiguously.
        sql.Append(" ON CONFLICT (source, dedupe_key) DO NOTHING RETURNING source || ' ' || dedupe_key AS \"Value\"");
        var inserted = (await db.Database.SqlQueryRaw<string>(sql.ToString(), [.. parameters]).ToListAsync()).ToHashSet();
        return firstOfEachKey.Where(p => inserted.Contains(p.Event.Source + " " + p.Event.DedupeKey)).ToHashSet();
    }

    private sealed record PendingAppend(IncomingEvent Event, TaskCompletionSource<AppendOutcome> Outcome);
}

/// <summary>Wakes this process's consumers the moment events are appended here; they also poll, for other processes' appends.</summary>
public sealed class EventLogActivity
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task NextAppendAsync() => Volatile.Read(ref _next).Task;

    internal void Appended() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
