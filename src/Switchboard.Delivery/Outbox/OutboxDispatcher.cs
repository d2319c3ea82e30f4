using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Core.Chat;
using Switchboard.Core.Replies;
using Switchboard.Data;

namespace Switchboard.Delivery.Outbox;

/// <summary>
/// Delivers the outbox. Each stream (a channel through one adapter) goes strictly in id order, and
/// streams go independently of each other, so a chat that fails holds up only its own stream. Woken
/// when enqueued work commits and when a backoff ends; polls for what other processes enqueue.
/// </summary>
internal sealed class OutboxDispatcher(
    IServiceScopeFactory scopes,
    OutboxSignal signal,
    StreamLocks locks,
    IOptions<DeliveryOptions> options,
    DeliveryTelemetry telemetry,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private readonly Dictionary<OutboxStream, Task> _delivering = [];

    /// <summary>When each paced stream last posted (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    private readonly ConcurrentDictionary<OutboxStream, long> _lastPosted = new();

    private enum RoundEnd
    {
        MoreToDo,
        Finished,

        /// <summary>Another process delivered what this round had delivered too; it was rolled back.</summary>
        Overtaken,
    }

    private OutboxOptions Options => options.Value.Outbox;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Options.Dispatch)
        {
            return;
        }

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var woken = signal.NextAsync();
                var nextDue = await StartDueStreamsAsync(stoppingToken);
                await WaitAsync(woken, nextDue, stoppingToken);
            }
        }
        finally
        {
            await Task.WhenAll(_delivering.Values);
        }
    }

    /// <returns>When the first stream that is waiting out a backoff falls due, if one is.</returns>
    private async Task<DateTimeOffset?> StartDueStreamsAsync(CancellationToken stoppingToken)
    {
        foreach (var finished in _delivering.Where(d => d.Value.IsCompleted).Select(d => d.Key).ToList())
        {
            _delivering.Remove(finished);
        }

        List<StreamHead> streams;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            // Only a stream's head ever waits out a backoff, and the entries behind it are due since they
            // were enqueued: the latest next attempt of a stream is when the stream is due.
            streams = await scope.ServiceProvider.GetRequiredService<SwitchboardDbContext>().Set<OutboxEntry>()
                .Where(e => e.DeadLetteredAt == null)
                .GroupBy(e => new { e.Channel, e.Adapter })
                .Select(g => new StreamHead(g.Key.Channel, g.Key.Adapter, g.Max(e => e.NextAttemptAt)))
                .ToListAsync(stoppingToken);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            logger.OutboxUnreadable(exception);
            return null;
        }

        var now = clock.GetUtcNow();
        DateTimeOffset? nextDue = null;
        foreach (var head in streams)
        {
            var stream = new OutboxStream(head.Channel, head.Adapter);
            if (_delivering.ContainsKey(stream))
            {
                continue;
            }

            if (head.DueAt <= now)
            {
                _delivering[stream] = DeliverStreamAsync(stream, stoppingToken);
            }
            else if (nextDue is null || head.DueAt < nextDue)
            {
                nextDue = head.DueAt;
            }
        }

        return nextDue;
    }

    /// <summary>Until work is enqueued, a stream finishes its rounds, a backoff ends, or it is time to poll.</summary>
    private async Task WaitAsync(Task woken, DateTimeOffset? nextDue, CancellationToken stoppingToken)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var wakers = new List<Task>(_delivering.Values) { woken, Task.Delay(Options.PollInterval, waiting.Token) };
        if (nextDue is { } due)
        {
            var wait = due - clock.GetUtcNow();
            wakers.Add(Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, clock, waiting.Token));
        }

        await Task.WhenAny(wakers);
        await waiting.CancelAsync();
    }

    private async Task DeliverStreamAsync(OutboxStream stream, CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            if (!await DeliverRoundsAsync(stream, stoppingToken))
            {
                // Not again at once: another process delivers the stream, or the database is away.
                await Task.Delay(Options.PollInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: whatever is not settled stays in the outbox for the next start.
        }
    }

    /// <returns>False when the stream should rest before it is tried again.</returns>
    private async Task<bool> DeliverRoundsAsync(OutboxStream stream, CancellationToken stoppingToken)
    {
        try
        {
            await using var held = await locks.TryTakeAsync(stream, stoppingToken);
            if (held is null)
            {
                return false;
            }

            while (true)
            {
                switch (await DeliverRoundAsync(stream, stoppingToken))
                {
                    case RoundEnd.MoreToDo:
                        break;
                    case RoundEnd.Overtaken:
                        return false;
                    case RoundEnd.Finished:
                        return true;
                }
            }
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            logger.StreamFailed(exception, stream.Channel, stream.Adapter);
            return false;
        }
    }

    private async Task<RoundEnd> DeliverRoundAsync(OutboxStream stream, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SwitchboardDbContext>();
        var batch = await db.Set<OutboxEntry>().AsNoTracking()
            .Where(e => e.Channel == stream.Channel && e.Adapter == stream.Adapter && e.DeadLetteredAt == null)
            .OrderBy(e => e.Id)
            .Take(Options.BatchSize)
            .ToListAsync(cancellationToken);
        if (batch.Count == 0 || batch[0].NextAttemptAt > clock.GetUtcNow())
        {
            return RoundEnd.Finished;
        }

        var threads = await ThreadsAsync(db, stream, batch, cancellationToken);
        var adapter = scope.ServiceProvider.GetServices<IChatAdapter>().FirstOrDefault(a => a.Name == stream.Adapter);
        foreach (var entry in batch)
        {
            var pace = adapter?.Pace ?? TimeSpan.Zero;
            var paced = pace > TimeSpan.Zero && !entry.ReplacesFirst;
            if (paced)
            {
                await WaitOutPaceAsync(stream, pace, cancellationToken);
            }

            var settled = adapter is IDatabaseChatAdapter own
                ? await DeliverInOneTransactionAsync(db, own, stream, entry, threads, cancellationToken)
                : await DeliverThenRecordAsync(db, adapter, stream, entry, threads, cancellationToken);
            if (paced)
            {
                _lastPosted[stream] = Stopwatch.GetTimestamp();
            }

            if (settled is null)
            {
                return RoundEnd.Overtaken;
            }

            Report(settled);
            if (settled.IsWaiting)
            {
                return RoundEnd.Finished;
            }
        }

        return batch.Count < Options.BatchSize ? RoundEnd.Finished : RoundEnd.MoreToDo;
    }

    /// <summary>
    /// Waits until the stream's last post is <paramref name="pace"/> ago, in real time: the pace is the outside chat's,
    /// and runs by its clock, not by a clock a test may hold still.
    /// </summary>
    private async Task WaitOutPaceAsync(OutboxStream stream, TimeSpan pace, CancellationToken cancellationToken)
    {
        if (_lastPosted.TryGetValue(stream, out var last) && pace - Stopwatch.GetElapsedTime(last) is { Ticks: > 0 } rest)
        {
            await Task.Delay(rest, cancellationToken);
        }
    }

    /// <summary>
    /// The message and its entry's removal in one transaction: it is in the chat exactly when its entry
    /// is gone, also across a crash. A failure rolls both back and is charged to the entry on its own.
    /// </summary>
    /// <returns>What became of it; null when another process delivered it first.</returns>
    private async Task<Settled?> DeliverInOneTransactionAsync(
        SwitchboardDbContext db, IDatabaseChatAdapter adapter, OutboxStream stream, OutboxEntry entry, Dictionary<string, string> threads, CancellationToken cancellationToken)
    {
        var started = new List<ChatThread>();
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var settled = Settle(entry, await adapter.DeliverAsync(DeliveryOf(entry, threads), cancellationToken), threads, started);
            if (!await RecordAsync(db, stream, settled, started, cancellationToken))
            {
                return null;
            }

            await transaction.CommitAsync(cancellationToken);
            adapter.Committed();
            return settled;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            started.ForEach(thread => threads.Remove(thread.ThreadKey));
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var failed = Settle(entry, DeliveryResult.RetryLater(Describe(exception)), threads, []);
            if (!await RecordAsync(db, stream, failed, [], cancellationToken))
            {
                return null;
            }

            await transaction.CommitAsync(cancellationToken);
            return failed;
        }
    }

    /// <summary>
    /// The message, then its entry settled in a transaction of its own: a crash between the two repeats
    /// only that message, the least an outside chat that cannot be asked allows.
    /// </summary>
    /// <returns>What became of it; null when another process delivered it first.</returns>
    private async Task<Settled?> DeliverThenRecordAsync(
        SwitchboardDbContext db, IChatAdapter? adapter, OutboxStream stream, OutboxEntry entry, Dictionary<string, string> threads, CancellationToken cancellationToken)
    {
        var started = new List<ChatThread>();
        var settled = Settle(entry, await AttemptAsync(adapter, entry, threads, cancellationToken), threads, started);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await RecordAsync(db, stream, settled, started, cancellationToken))
        {
            return null;
        }

        await transaction.CommitAsync(cancellationToken);
        return settled;
    }

    private static async Task<DeliveryResult> AttemptAsync(IChatAdapter? adapter, OutboxEntry entry, Dictionary<string, string> threads, CancellationToken cancellationToken)
    {
        if (adapter is null)
        {
            return DeliveryResult.Failed($"No chat adapter named '{entry.Adapter}' is configured.");
        }

        try
        {
            return await adapter.DeliverAsync(DeliveryOf(entry, threads), cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryResult.RetryLater(Describe(exception));
        }
    }

    private static ChatDelivery DeliveryOf(OutboxEntry entry, Dictionary<string, string> threads)
    {
        var first = entry.ThreadKey is { } key && threads.TryGetValue(key, out var reference) ? reference : null;
        return new(
            entry.Channel,
            ReplyJson.Deserialize(entry.ReplyJson),
            entry.ReplacesFirst ? null : first,
            entry.Id.ToString(CultureInfo.InvariantCulture),
            entry.Attempts + 1,
            entry.ReplacesFirst ? first : null);
    }

    /// <summary>Decides what becomes of an attempted entry, and remembers the first message of a new thread.</summary>
    private Settled Settle(OutboxEntry entry, DeliveryResult result, Dictionary<string, string> threads, List<ChatThread> started)
    {
        var now = clock.GetUtcNow();
        if (result.Outcome == DeliveryOutcome.Delivered && entry.ThreadKey is { } key && result.Reference is { } reference && threads.TryAdd(key, reference))
        {
            started.Add(new ChatThread { Channel = entry.Channel, Adapter = entry.Adapter, ThreadKey = key, Reference = reference, StartedAt = now });
        }

        var retryAt = result.Outcome == DeliveryOutcome.RetryLater
            ? RetrySchedule.NextAttempt(entry.Attempts + 1, entry.EnqueuedAt, now, result.RetryAfter, Options, Random.Shared.NextDouble())
            : null;
        return new Settled(entry, result, retryAt, now);
    }

    /// <summary>
    /// Writes what became of an entry in the caller's transaction. False, and nothing to commit, when a
    /// delivered entry is gone already: another process delivered it too (its lock connection broke),
    /// and rolling back keeps the built-in chat's copy from being doubled.
    /// </summary>
    private async Task<bool> RecordAsync(
        SwitchboardDbContext db, OutboxStream stream, Settled settled, List<ChatThread> started, CancellationToken cancellationToken)
    {
        var id = settled.Entry.Id;
        if (settled.Result.Outcome == DeliveryOutcome.Delivered)
        {
            if (await db.Set<OutboxEntry>().Where(e => e.Id == id).ExecuteDeleteAsync(cancellationToken) == 0)
            {
                logger.Overtaken(stream.Channel, stream.Adapter);
                return false;
            }
        }
        else
        {
            var attempts = settled.Entry.Attempts + 1;
            var error = settled.Result.Reason is { Length: > OutboxConfiguration.MaxError } reason ? reason[..OutboxConfiguration.MaxError] : settled.Result.Reason;
            var nextAttemptAt = settled.RetryAt ?? settled.Entry.NextAttemptAt;
            DateTimeOffset? deadLetteredAt = settled.IsDeadLettered ? settled.At : null;
            await db.Set<OutboxEntry>().Where(e => e.Id == id).ExecuteUpdateAsync(
                e => e.SetProperty(x => x.Attempts, attempts)
                    .SetProperty(x => x.LastError, error)
                    .SetProperty(x => x.NextAttemptAt, nextAttemptAt)
                    .SetProperty(x => x.DeadLetteredAt, deadLetteredAt),
                cancellationToken);
        }

        if (started.Count > 0)
        {
            db.AddRange(started);
            await db.SaveChangesAsync(cancellationToken);
        }

        return true;
    }

    private void Report(Settled settled)
    {
        var (entry, result, retryAt, at) = settled;
        telemetry.Attempted(entry.Adapter, result.Outcome, at - entry.EnqueuedAt);
        if (retryAt is { } next)
        {
            logger.DeliveryDeferred(entry.Id, entry.Channel, entry.Adapter, entry.Attempts + 1, result.Reason ?? "", next);
        }
        else if (settled.IsDeadLettered)
        {
            telemetry.DeadLettered(entry.Adapter);
            logger.DeliveryDeadLettered(entry.Id, entry.Channel, entry.Adapter, entry.Attempts + 1, result.Reason ?? "");
        }
    }

    private static async Task<Dictionary<string, string>> ThreadsAsync(SwitchboardDbContext db, OutboxStream stream, List<OutboxEntry> batch, CancellationToken cancellationToken)
    {
        var keys = batch.Select(e => e.ThreadKey).OfType<string>().Distinct().ToList();
        return keys.Count == 0
            ? []
            : await db.Set<ChatThread>().AsNoTracking()
                .Where(t => t.Channel == stream.Channel && t.Adapter == stream.Adapter && keys.Contains(t.ThreadKey))
                .ToDictionaryAsync(t => t.ThreadKey, t => t.Reference, cancellationToken);
    }

    private static string Describe(Exception exception) => $"{exception.GetType().Name}: {exception.Message}";

    private sealed record StreamHead(string Channel, string Adapter, DateTimeOffset DueAt);

    /// <param name="RetryAt">For a message to try again, when; null when it was delivered or is dead-lettered.</param>
    /// <param name="At">When the attempt ended.</param>
    private sealed record Settled(OutboxEntry Entry, DeliveryResult Result, DateTimeOffset? RetryAt, DateTimeOffset At)
    {
        public bool IsWaiting => RetryAt is not null;

        public bool IsDeadLettered => Result.Outcome != DeliveryOutcome.Delivered && RetryAt is null;
    }
}
