using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Chat;
using Switchboard.Core.Replies;
using Switchboard.Data;
using Switchboard.Data.Database;

namespace Switchboard.Delivery.Outbox;

/// <summary>
/// Puts messages in the outbox through the scope's database context, so inside a caller's transaction
/// they commit with the caller's work (the router's, with the event consumer's checkpoint) or not at all.
/// </summary>
public sealed class OutboxQueue(
    SwitchboardDbContext db, IEnumerable<IChatAdapter> adapters, OutboxSignal signal, DeliveryTelemetry telemetry, TimeProvider clock)
{
    /// <summary>
    /// Streams found empty in this scope: an event consumer posts a page of events in one transaction, and nothing
    /// else can queue behind them meanwhile but what this scope queues itself, which takes the stream off this list.
    /// </summary>
    private readonly HashSet<(string Channel, string Adapter)> _nothingWaiting = [];

    /// <summary>The first message of each thread this scope looked up or started, for the next message in the same thread.</summary>
    private readonly Dictionary<(string Channel, string Adapter, string ThreadKey), string?> _threads = [];

    private static readonly CompiledPerModel<Func<SwitchboardDbContext, string, string, string, CancellationToken, Task<string?>>> FirstOfThread = new(() =>
        EF.CompileAsyncQuery((SwitchboardDbContext db, string channel, string adapter, string threadKey, CancellationToken _) =>
            db.Set<ChatThread>()
                .Where(t => t.Channel == channel && t.Adapter == adapter && t.ThreadKey == threadKey)
                .Select(t => t.Reference)
                .SingleOrDefault()));

    /// <summary>
    /// One entry per adapter that carries the channel, then saves the context. The built-in chat, whose
    /// delivery is a row in this same database, is delivered right here in the caller's transaction when
    /// nothing of its stream is waiting: the same guarantees as an entry the dispatcher delivers, without
    /// a second write transaction, which on SQLite would queue behind the caller's next one for the lock.
    /// </summary>
    /// <param name="bridgesOnly">Leave out the built-in chat, which the caller has written to itself.</param>
    /// <param name="replacesFirst">Replace the first message of the thread in place instead of replying in it (see <see cref="OutboxEntry.ReplacesFirst"/>).</param>
    internal async Task EnqueueAsync(
        string channel, Reply message, string? threadKey, bool bridgesOnly, bool replacesFirst, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var key = ThreadKeyToKeep(threadKey);
        var queued = false;
        foreach (var adapter in adapters)
        {
            if (!await adapter.CarriesAsync(channel, cancellationToken))
            {
                continue;
            }

            if (adapter is IDatabaseChatAdapter own
                && (bridgesOnly || await DeliveredNowAsync(own, channel, message, key, replacesFirst, now, cancellationToken)))
            {
                continue;
            }

            _nothingWaiting.Remove((channel, adapter.Name));
            db.Add(new OutboxEntry
            {
                Channel = channel,
                Adapter = adapter.Name,
                ReplyJson = ReplyJson.Serialize(message),
                ThreadKey = key,
                ReplacesFirst = replacesFirst,
                EnqueuedAt = now,
                NextAttemptAt = now,
            });
            queued = true;
        }

        await db.SaveChangesAsync(cancellationToken);
        if (queued)
        {
            signal.AfterCommit(db, signal.Wake);
        }
    }

    /// <returns>Whether it was delivered; otherwise it goes in the outbox, behind what is waiting or to be retried.</returns>
    private async Task<bool> DeliveredNowAsync(
        IDatabaseChatAdapter adapter, string channel, Reply message, string? threadKey, bool replacesFirst, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!_nothingWaiting.Contains((channel, adapter.Name)))
        {
            if (await db.Set<OutboxEntry>().AnyAsync(e => e.Channel == channel && e.Adapter == adapter.Name && e.DeadLetteredAt == null, cancellationToken))
            {
                return false;
            }

            _nothingWaiting.Add((channel, adapter.Name));
        }

        var first = threadKey is null ? null : await FirstOfThreadAsync(channel, adapter.Name, threadKey, cancellationToken);
        var delivery = replacesFirst
            ? new ChatDelivery(channel, message, InThreadOf: null, Guid.CreateVersion7(now).ToString(), Attempt: 1, Replacing: first)
            : new ChatDelivery(channel, message, first, Guid.CreateVersion7(now).ToString(), Attempt: 1);
        var result = await adapter.DeliverAsync(delivery, cancellationToken);
        if (result.Outcome != DeliveryOutcome.Delivered)
        {
            return false;
        }

        if (threadKey is not null && first is null && result.Reference is { } reference)
        {
            db.Add(new ChatThread { Channel = channel, Adapter = adapter.Name, ThreadKey = threadKey, Reference = reference, StartedAt = now });
            _threads[(channel, adapter.Name, threadKey)] = reference;
        }

        signal.AfterCommit(db, adapter.Committed);
        signal.AfterCommit(db, () => telemetry.Attempted(adapter.Name, DeliveryOutcome.Delivered, TimeSpan.Zero));
        return true;
    }

    private async Task<string?> FirstOfThreadAsync(string channel, string adapter, string threadKey, CancellationToken cancellationToken)
    {
        if (!_threads.TryGetValue((channel, adapter, threadKey), out var first))
        {
            first = await FirstOfThread.For(db)(db, channel, adapter, threadKey, cancellationToken);
            _threads[(channel, adapter, threadKey)] = first;
        }

        return first;
    }

    /// <summary>A key too long for its column is kept as its hash: still one key per thread.</summary>
    private static string? ThreadKeyToKeep(string? threadKey) =>
        threadKey is { Length: > OutboxConfiguration.MaxThreadKey }
            ? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(threadKey)))
            : threadKey;
}
