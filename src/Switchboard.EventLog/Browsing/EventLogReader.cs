using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Events;
using Switchboard.Data;
using Switchboard.EventLog.Consuming;
using Switchboard.EventLog.Embedded;

namespace Switchboard.EventLog.Browsing;

/// <summary>
/// Reads <c>event_log_entries</c> with one consumer's progress, asking what both engines record: an event is
/// handled when it is at or before the consumer's checkpoint (embedded) or its key is marked handled (Kafka),
/// and dead-lettered when the consumer's dead letter names its position or the position it was handled at.
/// </summary>
internal sealed class EventLogReader(SwitchboardDbContext db) : IEventLogReader
{
    public async Task<IReadOnlyList<BrowsedEvent>> RecentAsync(string consumer, EventLogQuery query, CancellationToken cancellationToken)
    {
        var entries = db.Set<EventLogEntry>().AsNoTracking().Where(e => e.ReceivedAt >= query.Since);
        if (query.Source is { } source)
        {
            entries = entries.Where(e => e.Source == source);
        }

        if (query.OrderingKeys is { } orderingKeys)
        {
            var lowered = orderingKeys.Select(k => k.ToLowerInvariant()).ToList();
#pragma warning disable CA1304, CA1311 // Translated to SQL's lower(), which no .NET culture affects; EF translates no culture-taking overload.
            entries = entries.Where(e => e.OrderingKey != null && lowered.Contains(e.OrderingKey.ToLower()));
#pragma warning restore CA1304, CA1311
        }

        var heads = await Heads(entries.OrderByDescending(e => e.ReceivedAt).ThenByDescending(e => e.Id).Take(query.Limit))
            .ToListAsync(cancellationToken);
        return await WithProgressAsync(consumer, heads, cancellationToken);
    }

    public async Task<IReadOnlyList<BrowsedEvent>> WithKeysAsync(string consumer, IReadOnlyCollection<EventKey> keys, CancellationToken cancellationToken)
    {
        var dedupeKeys = keys.Select(k => k.DedupeKey).Distinct().ToList();
        var sources = keys.Select(k => k.Source).Distinct().ToList();
        var hashed = await HashedRows.IdsAsync(db, keys, cancellationToken);
        var heads = await Heads(db.Set<EventLogEntry>().AsNoTracking()
                .Where(e => e.KeyHash == null && sources.Contains(e.Source) && dedupeKeys.Contains(e.DedupeKey)))
            .ToListAsync(cancellationToken);
        heads.AddRange(await Heads(db.Set<EventLogEntry>().AsNoTracking().Where(e => hashed.Contains(e.Id))).ToListAsync(cancellationToken));
        var wanted = keys.ToHashSet();
        return await WithProgressAsync(consumer, [.. heads.Where(h => wanted.Contains(new EventKey(h.Source, h.DedupeKey)))], cancellationToken);
    }

    public async Task<(BrowsedEvent Event, LoggedEvent Logged)?> FindAsync(string consumer, long position, CancellationToken cancellationToken)
    {
        var entry = await db.Set<EventLogEntry>().AsNoTracking().SingleOrDefaultAsync(e => e.Position == position, cancellationToken);
        if (entry is null)
        {
            return null;
        }

        var head = new EntryHead(entry.Position, entry.Source, entry.DedupeKey, entry.Type, entry.OrderingKey, entry.ReceivedAt);
        var browsed = (await WithProgressAsync(consumer, [head], cancellationToken))[0];
        return (browsed, entry.ToLoggedEvent());
    }

    public async Task<bool> ClearDeadLetterAsync(string consumer, BrowsedEvent browsed, CancellationToken cancellationToken)
    {
        var positions = await HandledPositionsAsync(consumer, [browsed.Key], cancellationToken);
        var letters = positions.Where(p => p.Key == browsed.Key).Select(p => p.Value).ToList();
        if (browsed.Position is { } own)
        {
            letters.Add(own);
        }

        return await db.Set<EventDeadLetter>()
            .Where(d => d.Consumer == consumer && letters.Contains(d.Position))
            .ExecuteDeleteAsync(cancellationToken) > 0;
    }

    private static IQueryable<EntryHead> Heads(IQueryable<EventLogEntry> entries) =>
        entries.Select(e => new EntryHead(e.Position, e.Source, e.DedupeKey, e.Type, e.OrderingKey, e.ReceivedAt));

    private async Task<List<BrowsedEvent>> WithProgressAsync(string consumer, List<EntryHead> heads, CancellationToken cancellationToken)
    {
        if (heads.Count == 0)
        {
            return [];
        }

        var checkpoint = await db.Set<EventCheckpoint>().AsNoTracking()
            .Where(c => c.Consumer == consumer).Select(c => (long?)c.Position).SingleOrDefaultAsync(cancellationToken) ?? 0;
        var handled = await HandledPositionsAsync(consumer, [.. heads.Select(h => new EventKey(h.Source, h.DedupeKey))], cancellationToken);
        var positions = heads.Select(h => h.Position).OfType<long>().Concat(handled.Values).Distinct().ToList();
        var deadLetters = await db.Set<EventDeadLetter>().AsNoTracking()
            .Where(d => d.Consumer == consumer && positions.Contains(d.Position))
            .ToDictionaryAsync(d => d.Position, cancellationToken);

        return [.. heads.Select(head =>
        {
            long? handledAt = handled.TryGetValue(new EventKey(head.Source, head.DedupeKey), out var at) ? at : null;
            var deadLetter = DeadLetterAt(deadLetters, head.Position) ?? DeadLetterAt(deadLetters, handledAt);
            var status = deadLetter is not null ? EventStatus.DeadLettered
                : handledAt is not null || head.Position <= checkpoint ? EventStatus.Handled
                : EventStatus.Waiting;
            return new BrowsedEvent(
                head.Position, head.Source, head.DedupeKey, head.Type, head.OrderingKey, head.ReceivedAt, status, deadLetter?.Error, deadLetter?.FailedAt);
        })];
    }

    /// <summary>Where the consumer marked these keys handled: only engines that may deliver an event twice (Kafka) mark keys.</summary>
    private async Task<Dictionary<EventKey, long>> HandledPositionsAsync(string consumer, List<EventKey> keys, CancellationToken cancellationToken)
    {
        var sources = keys.Select(k => k.Source).Distinct().ToList();
        var dedupeKeys = keys.Select(k => k.DedupeKey).Distinct().ToList();
        return await db.Set<HandledEventKey>().AsNoTracking()
            .Where(h => h.Consumer == consumer && sources.Contains(h.Source) && dedupeKeys.Contains(h.DedupeKey))
            .ToDictionaryAsync(h => new EventKey(h.Source, h.DedupeKey), h => h.Position, cancellationToken);
    }

    private static EventDeadLetter? DeadLetterAt(Dictionary<long, EventDeadLetter> deadLetters, long? position) =>
        position is { } at && deadLetters.TryGetValue(at, out var deadLetter) ? deadLetter : null;

    private sealed record EntryHead(long? Position, string Source, string DedupeKey, string Type, string? OrderingKey, DateTimeOffset ReceivedAt);
}
