using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.EventLog.Browsing;
using Switchboard.EventLog.Embedded;

namespace Switchboard.EventLog;

/// <summary>
/// Reads the keys from <c>event_log_entries</c>, which every engine fills: the embedded engine appends there,
/// and on Kafka the <c>archive</c> consumer copies each event there moments after its append.
/// </summary>
internal sealed class EventLogKeys(IDbContextFactory<SwitchboardDbContext> contexts) : IEventLogKeys
{
    private const int KeysPerQuery = 500;

    public async Task<IReadOnlySet<string>> FindAsync(string source, IReadOnlyCollection<string> dedupeKeys, CancellationToken cancellationToken)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var asked = dedupeKeys.Distinct().ToList();
        var hashed = await HashedRows.IdsAsync(db, asked.Select(k => new EventKey(source, k)), cancellationToken);
        foreach (var keys in asked.Chunk(KeysPerQuery))
        {
            found.UnionWith(await db.Set<EventLogEntry>().AsNoTracking()
                .Where(e => e.KeyHash == null && e.Source == source && keys.Contains(e.DedupeKey))
                .Select(e => e.DedupeKey)
                .ToListAsync(cancellationToken));
        }

        foreach (var ids in hashed.Chunk(KeysPerQuery))
        {
            found.UnionWith(await db.Set<EventLogEntry>().AsNoTracking()
                .Where(e => ids.Contains(e.Id) && e.Source == source)
                .Select(e => e.DedupeKey)
                .ToListAsync(cancellationToken));
        }

        found.IntersectWith(asked);
        return found;
    }
}
