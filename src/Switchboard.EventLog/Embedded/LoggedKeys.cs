using System.Collections.Concurrent;
using System.Data.Common;
using System.IO.Hashing;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchboard.Data;

namespace Switchboard.EventLog.Embedded;

/// <summary>
/// On SQLite, the rows of the log by a 64-bit hash of their source and dedupe key, held in memory for the appends to
/// find repeats in. A unique index on the keys themselves made each append write a page of its own: the keys are
/// random (GitHub's delivery ids are GUIDs), so each lands on another page of the index, which SQLite writes to the
/// WAL and again to the database file. Rows keep their hash instead, in an index that grows only at its end, and
/// each process reads the hashes back as it starts (<see cref="ReadLoggedKeysAtStart"/>); its first append waits for
/// that. A hash finds rows, never proves a repeat: the appender compares the keys stored in them. Used by the
/// appends' one writer, after the read.
/// </summary>
internal sealed class LoggedKeys(IDbContextFactory<SwitchboardDbContext> contexts)
{
    /// <summary>Rows stored before hashes, which the unique index on their keys still covers.</summary>
    private const string RowsWithoutHash =
        "SELECT id, source, dedupe_key FROM event_log_entries INDEXED BY ix_event_log_entries_source_dedupe_key "
        + $"WHERE {EventLogConfiguration.WithoutKeyHash}";

    public const string HashesAfter =
        "SELECT id, key_hash FROM event_log_entries INDEXED BY ix_event_log_entries_id_key_hash "
        + $"WHERE {EventLogConfiguration.WithKeyHash} AND id > $after";

    private readonly Lock _lock = new();

    /// <summary>The read of the log's hashes, once started; a failed one is started again by the next caller.</summary>
    private Task? _reading;

    private readonly Dictionary<long, long> _firstIdByHash = [];

    /// <summary>Rows dropped by the log's retention, for the writer to forget before it looks up again.</summary>
    private readonly ConcurrentQueue<(long Hash, long Id)> _dropped = new();

    /// <summary>Further rows whose different keys share a hash with the first one's: with 64 bits, all but never.</summary>
    private readonly Dictionary<long, List<long>> _moreIdsByHash = [];

    /// <summary>The highest id of a row with a hash that is in: later rows are another process's, still to read.</summary>
    public long ReadThroughId { get; private set; }

    public static long HashOf(string source, string dedupeKey)
    {
        var bytes = Encoding.UTF8.GetBytes($"{source}\0{dedupeKey}");
        return unchecked((long)XxHash3.HashToUInt64(bytes));
    }

    /// <summary>Reads what the log holds on a connection of its own, once; on PostgreSQL, which keeps no hashes, nothing.</summary>
    public Task ReadLogAsync()
    {
        lock (_lock)
        {
            if (_reading is null || _reading.IsFaulted || _reading.IsCanceled)
            {
                _reading = ReadAsync();
            }

            return _reading;
        }
    }

    /// <summary>Takes note of rows that were deleted; any thread may, and the writer forgets them at its next read.</summary>
    public void Forget(IEnumerable<(long Hash, long Id)> rows)
    {
        foreach (var row in rows)
        {
            _dropped.Enqueue(row);
        }
    }

    /// <summary>Adds the rows a command of <see cref="HashesAfter"/> finds after <see cref="ReadThroughId"/>.</summary>
    public async Task ReadHashesAfterAsync(DbCommand hashesAfter)
    {
        while (_dropped.TryDequeue(out var dropped))
        {
            Unindex(dropped.Hash, dropped.Id);
        }

        hashesAfter.Parameters[0].Value = ReadThroughId;
        await using var hashes = await hashesAfter.ExecuteReaderAsync();
        while (await hashes.ReadAsync())
        {
            Add(hashes.GetInt64(1), hashes.GetInt64(0));
        }
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

    private async Task ReadAsync()
    {
        await using var db = await contexts.CreateDbContextAsync();
        if (!db.Database.IsSqlite())
        {
            return;
        }

        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        await using (var earlier = connection.CreateCommand())
        {
            earlier.CommandText = RowsWithoutHash;
            await using var rows = await earlier.ExecuteReaderAsync();
            while (await rows.ReadAsync())
            {
                Index(HashOf(rows.GetString(1), rows.GetString(2)), rows.GetInt64(0));
            }
        }

        await using var hashesAfter = connection.CreateCommand();
        hashesAfter.CommandText = HashesAfter;
        var after = hashesAfter.CreateParameter();
        after.ParameterName = "$after";
        hashesAfter.Parameters.Add(after);
        await ReadHashesAfterAsync(hashesAfter);
    }

    private void Unindex(long hash, long id)
    {
        var more = _moreIdsByHash.GetValueOrDefault(hash);
        if (_firstIdByHash.TryGetValue(hash, out var first) && first == id)
        {
            if (more is { Count: > 0 })
            {
                _firstIdByHash[hash] = more[0];
                more.RemoveAt(0);
            }
            else
            {
                _firstIdByHash.Remove(hash);
            }
        }
        else
        {
            more?.Remove(id);
        }

        if (more is { Count: 0 })
        {
            _moreIdsByHash.Remove(hash);
        }
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

/// <summary>Starts reading the log's hashes as the process starts, so that its first append finds them read.</summary>
internal sealed class ReadLoggedKeysAtStart(LoggedKeys keys, ILogger<ReadLoggedKeysAtStart> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await keys.ReadLogAsync();
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            // The first append reads the log again itself.
            logger.ReadingLoggedKeysFailed(exception);
        }
    }
}
