using System.Data.Common;

namespace Switchboard.EventLog.Embedded;

/// <summary>
/// SQLite runs in this process, so a row per statement costs no round trip, and statements prepared once serve the
/// connection's life. Repeats are found in <see cref="LoggedKeys"/>, brought up to date inside each batch's transaction,
/// where no other process can append: what another process appended since, or a commit that failed after all.
/// </summary>
internal sealed class SqliteEventRows : IEventRows
{
    // One writer appends at a time on SQLite, so a position given as the row is inserted follows the commits.
    private const string Insert =
        $"INSERT INTO event_log_entries ({EventRows.Columns}, key_hash, position) "
        + "VALUES ($source, $key, $type, $ordering, $headers, $body, $encoding, $received, $hash, "
        + "(SELECT COALESCE(MAX(position), 0) + 1 FROM event_log_entries)) RETURNING id";

    private const string KeysOfRow = "SELECT source, dedupe_key FROM event_log_entries WHERE id = $id";

    private static readonly string[] InsertParameters = ["$source", "$key", "$type", "$ordering", "$headers", "$body", "$encoding", "$received", "$hash"];

    private readonly LoggedKeys _keys;
    private readonly DbCommand _insert;
    private readonly DbCommand _keysOfRow;
    private readonly DbCommand _hashesAfter;

    /// <summary>Rows inserted by the transaction under way, for <see cref="_keys"/> once it has committed.</summary>
    private readonly List<(long Hash, long Id)> _uncommitted = [];

    public SqliteEventRows(DbConnection connection, LoggedKeys keys)
    {
        _keys = keys;
        _insert = Command(connection, Insert, InsertParameters);
        _keysOfRow = Command(connection, KeysOfRow, ["$id"]);
        _hashesAfter = Command(connection, LoggedKeys.HashesAfter, ["$after"]);
    }

    public async Task<bool[]> InsertAsync(DbTransaction transaction, IReadOnlyList<EventRow> batch)
    {
        _uncommitted.Clear();
        _insert.Transaction = _keysOfRow.Transaction = _hashesAfter.Transaction = transaction;
        // Read on a connection of their own, the log's hashes may lack what was appended since;
        // no one else appends during this transaction.
        await _keys.ReadLogAsync();
        await _keys.ReadHashesAfterAsync(_hashesAfter);

        var inserted = new bool[batch.Count];
        var inBatch = new HashSet<(string Source, string DedupeKey)>();
        for (var i = 0; i < batch.Count; i++)
        {
            var row = batch[i];
            if (!inBatch.Add((row.Event.Source, row.Event.DedupeKey)) || await InLogAsync(row))
            {
                continue;
            }

            object[] values = [.. row.Values(row.Event.ReceivedAt.ToUnixTimeMilliseconds()), row.KeyHash];
            for (var column = 0; column < values.Length; column++)
            {
                _insert.Parameters[column].Value = values[column];
            }

            _uncommitted.Add((row.KeyHash, (long)(await _insert.ExecuteScalarAsync())!));
            inserted[i] = true;
        }

        return inserted;
    }

    public void Committed()
    {
        foreach (var (hash, id) in _uncommitted)
        {
            _keys.Add(hash, id);
        }

        _uncommitted.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await _insert.DisposeAsync();
        await _keysOfRow.DisposeAsync();
        await _hashesAfter.DisposeAsync();
    }

    private async Task<bool> InLogAsync(EventRow row)
    {
        foreach (var id in _keys.IdsWithHash(row.KeyHash))
        {
            _keysOfRow.Parameters[0].Value = id;
            await using var stored = await _keysOfRow.ExecuteReaderAsync();
            if (await stored.ReadAsync() && stored.GetString(0) == row.Event.Source && stored.GetString(1) == row.Event.DedupeKey)
            {
                return true;
            }
        }

        return false;
    }

    private static DbCommand Command(DbConnection connection, string text, string[] parameterNames)
    {
        var command = connection.CreateCommand();
        command.CommandText = text;
        foreach (var name in parameterNames)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
