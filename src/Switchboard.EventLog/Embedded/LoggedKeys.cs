using System.IO.Hashing;
using System.Text;

namespace Switchboard.EventLog.Embedded;

/// <summary>
/// On SQLite, the rows of the log by a 64-bit hash of their source and dedupe key, held in memory for the appends to
/// find repeats in. A unique index on the keys themselves made each append write a page of its own: the keys are
/// random (GitHub's delivery ids are GUIDs), so each lands on another page of the index, which SQLite writes to the
/// WAL and again to the database file. Rows keep their hash instead, in an index that grows only at its end, and
/// each process reads the hashes back before its first append. A hash finds rows, never proves a repeat: the
/// appender compares the keys stored in them.
/// </summary>
internal sealed class LoggedKeys
{
    private readonly Dictionary<long, long> _firstIdByHash = [];

    /// <summary>Further rows whose different keys share a hash with the first one's: with 64 bits, all but never.</summary>
    private readonly Dictionary<long, List<long>> _moreIdsByHash = [];

    /// <summary>Whether the rows stored before hashes, found by their keys, are in.</summary>
    public bool HoldsRowsWithoutHash { get; private set; }

    /// <summary>The highest id of a row with a hash that is in: later rows are another process's, still to read.</summary>
    public long ReadThroughId { get; private set; }

    public static long HashOf(string source, string dedupeKey)
    {
        var bytes = Encoding.UTF8.GetBytes($"{source}\0{dedupeKey}");
        return unchecked((long)XxHash3.HashToUInt64(bytes));
    }

    public void AddRowsWithoutHash(IEnumerable<(long Id, string Source, string DedupeKey)> rows)
    {
        foreach (var (id, source, dedupeKey) in rows)
        {
            Index(HashOf(source, dedupeKey), id);
        }

        HoldsRowsWithoutHash = true;
    }

    public void Add(long hash, long id)
    {
        Index(hash, id);
        ReadThroughId = Math.Max(ReadThroughId, id);
    }

    /// <returns>The rows whose keys may be the hashed one: compare their keys.</returns>
    public IEnumerable<long> IdsWithHash(long hash)
    {
        if (!_firstIdByHash.TryGetValue(hash, out var first))
        {
            return [];
        }

        return _moreIdsByHash.TryGetValue(hash, out var more) ? [first, .. more] : [first];
    }

    private void Index(long hash, long id)
    {
        if (!_firstIdByHash.TryAdd(hash, id) && _firstIdByHash[hash] != id)
        {
            var more = _moreIdsByHash.TryGetValue(hash, out var ids) ? ids : _moreIdsByHash[hash] = [];
            if (!more.Contains(id))
            {
                more.Add(id);
            }
        }
    }
}
