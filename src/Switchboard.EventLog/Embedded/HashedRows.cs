using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.EventLog.Browsing;

namespace Switchboard.EventLog.Embedded;

/// <summary>
/// Finds SQLite's rows by the hash of their keys (see <see cref="LoggedKeys"/>). No index leads with the hash, so the
/// index of ids and hashes is read whole: a few megabytes for a million events, and only operators and the
/// reconciler ask. Rows without a hash are found through the unique index on the keys instead.
/// </summary>
internal static class HashedRows
{
    private const string IdsWithHashes =
        "SELECT id AS \"Value\" FROM event_log_entries INDEXED BY ix_event_log_entries_id_key_hash "
        + $"WHERE {EventLogConfiguration.WithKeyHash} AND key_hash IN (SELECT value FROM json_each({{0}}))";

    /// <returns>The ids of the rows that may have these keys: compare their keys. None on PostgreSQL, where no row has a hash.</returns>
    public static async Task<List<long>> IdsAsync(SwitchboardDbContext db, IEnumerable<EventKey> keys, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            return [];
        }

        var hashes = JsonSerializer.Serialize(keys.Select(k => LoggedKeys.HashOf(k.Source, k.DedupeKey)).Distinct());
        return await db.Database.SqlQueryRaw<long>(IdsWithHashes, hashes).ToListAsync(cancellationToken);
    }
}
