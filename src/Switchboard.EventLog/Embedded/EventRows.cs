using System.Data.Common;
using System.Text.Json;

namespace Switchboard.EventLog.Embedded;

/// <summary>
/// Writes an append batch's rows straight through the connection, in statements whose text is the same for every
/// batch. One multi-row statement per batch had a new text for each batch size, so EF compiled a new query (and the
/// JIT a new method) for every size it met: hundreds under load, which also kept hot code from being optimised.
/// </summary>
internal sealed class EventRows : IAsyncDisposable
{
    private const string Columns = "source, dedupe_key, type, ordering_key, headers_json, body, body_encoding, received_at";

    // One writer appends at a time on SQLite, so a position given as the row is inserted follows the commits.
    private const string SqliteInsert =
        $"INSERT INTO event_log_entries ({Columns}, position) VALUES ($source, $key, $type, $ordering, $headers, $body, $encoding, $received, "
        + "(SELECT COALESCE(MAX(position), 0) + 1 FROM event_log_entries)) ON CONFLICT (source, dedupe_key) DO NOTHING";

    // PostgreSQL's writers commit out of order, so the sequencer gives positions once rows have committed.
    private const string PostgresInsert =
        $"INSERT INTO event_log_entries ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (source, dedupe_key) DO NOTHING";

    private static readonly string[] SqliteParameters = ["$source", "$key", "$type", "$ordering", "$headers", "$body", "$encoding", "$received"];

    private readonly DbConnection _connection;

    /// <summary>On SQLite, the insert, prepared once for the connection's life; null on PostgreSQL.</summary>
    private readonly DbCommand? _sqliteInsert;

    private EventRows(DbConnection connection, DbCommand? sqliteInsert)
    {
        _connection = connection;
        _sqliteInsert = sqliteInsert;
    }

    public static EventRows On(DbConnection connection, bool sqlite)
    {
        if (!sqlite)
        {
            return new EventRows(connection, null);
        }

        var insert = connection.CreateCommand();
        insert.CommandText = SqliteInsert;
        foreach (var name in SqliteParameters)
        {
            var parameter = insert.CreateParameter();
            parameter.ParameterName = name;
            insert.Parameters.Add(parameter);
        }

        return new EventRows(connection, insert);
    }

    /// <returns>For each event, whether its row was inserted; a repeat of a key, in the log or earlier in the batch, is not.</returns>
    public Task<bool[]> InsertAsync(DbTransaction transaction, IReadOnlyList<EventRow> batch) =>
        _sqliteInsert is { } insert ? InsertOneByOneAsync(insert, transaction, batch) : InsertInOneRoundTripAsync(transaction, batch);

    public ValueTask DisposeAsync() => _sqliteInsert?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <summary>SQLite runs in this process, so a row per statement costs no round trip, and one prepared statement serves them all.</summary>
    private static async Task<bool[]> InsertOneByOneAsync(DbCommand insert, DbTransaction transaction, IReadOnlyList<EventRow> batch)
    {
        insert.Transaction = transaction;
        var inserted = new bool[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var row = batch[i].Values(batch[i].Event.ReceivedAt.ToUnixTimeMilliseconds());
            for (var column = 0; column < row.Length; column++)
            {
                insert.Parameters[column].Value = row[column];
            }

            inserted[i] = await insert.ExecuteNonQueryAsync() == 1;
        }

        return inserted;
    }

    private async Task<bool[]> InsertInOneRoundTripAsync(DbTransaction transaction, IReadOnlyList<EventRow> batch)
    {
        await using var statements = _connection.CreateBatch();
        statements.Transaction = transaction;
        foreach (var e in batch)
        {
            var statement = statements.CreateBatchCommand();
            statement.CommandText = PostgresInsert;
            foreach (var value in e.Values(e.Event.ReceivedAt.UtcDateTime))
            {
                var parameter = statement.CreateParameter();
                parameter.Value = value;
                statement.Parameters.Add(parameter);
            }

            statements.BatchCommands.Add(statement);
        }

        // Statements run in order, so of two rows with one key in the batch the first is inserted.
        await statements.ExecuteNonQueryAsync();
        return [.. statements.BatchCommands.Select(statement => statement.RecordsAffected == 1)];
    }
}

/// <summary>An event made ready to store by its sender's request, so that the one writer only writes.</summary>
internal sealed record EventRow(IncomingEvent Event, string HeadersJson, byte[] Body, string? BodyEncoding)
{
    public static EventRow For(IncomingEvent e)
    {
        var (body, encoding) = EventBodies.ToStore(e.Body);
        return new EventRow(e, JsonSerializer.Serialize(e.Headers), body, encoding);
    }

    public object[] Values(object receivedAt) =>
        [Event.Source, Event.DedupeKey, Event.Type, (object?)Event.OrderingKey ?? DBNull.Value, HeadersJson, Body, (object?)BodyEncoding ?? DBNull.Value, receivedAt];
}
