using System.Data.Common;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Switchboard.EventLog.Embedded;

/// <summary>
/// Writes an append batch's rows straight through the connection, in statements whose text is the same for every
/// batch. One multi-row statement per batch had a new text for each batch size, so EF compiled a new query (and the
/// JIT a new method) for every size it met: hundreds under load, which also kept hot code from being optimised.
/// </summary>
internal interface IEventRows : IAsyncDisposable
{
    /// <returns>For each event, whether its row was inserted; a repeat of a key, in the log or earlier in the batch, is not.</returns>
    Task<bool[]> InsertAsync(DbTransaction transaction, IReadOnlyList<EventRow> batch);

    /// <summary>Told once the transaction of the last <see cref="InsertAsync"/> has committed.</summary>
    void Committed();
}

internal static class EventRows
{
    public const string Columns = "source, dedupe_key, type, ordering_key, headers_json, body, body_encoding, received_at";
}

/// <summary>
/// On PostgreSQL a row's id is its position. Ids are drawn as rows are inserted, not as they commit, so appends of
/// several processes would commit out of order and a consumer reading past a higher id would skip a lower one that
/// commits late. Appenders therefore take turns through an advisory lock held until their commit, and draw their ids
/// inside it: a batch's ids are all higher than those of every batch committed before it, and become visible only
/// after them. A batch is one statement over arrays, prepared once per connection: with a statement per row, parsing
/// and planning took a fifth of the appending backend's time.
/// </summary>
internal sealed class PostgresEventRows(NpgsqlConnection connection) : IEventRows
{
    /// <summary>Held until the transaction ends, that is after its commit is visible to every reader.</summary>
    public const string TakeTurn = "SELECT pg_advisory_xact_lock(91437003)";

    private const string Insert = $"""
        INSERT INTO event_log_entries (id, position, {EventRows.Columns})
        SELECT id, id, {EventRows.Columns}
        FROM (
            SELECT nextval('event_log_entries_id_seq') AS id, {EventRows.Columns}
            FROM (
                SELECT {EventRows.Columns}
                FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bytea[], $7::text[], $8::timestamptz[])
                    WITH ORDINALITY AS batch({EventRows.Columns}, n)
                ORDER BY n) AS ordered) AS numbered
        ON CONFLICT (source, dedupe_key) WHERE {EventLogConfiguration.WithoutKeyHash} DO NOTHING
        RETURNING source, dedupe_key
        """;

    private NpgsqlBatch? _append;

    public async Task<bool[]> InsertAsync(DbTransaction transaction, IReadOnlyList<EventRow> batch)
    {
        var append = _append ??= await PrepareAsync();
        append.Transaction = (NpgsqlTransaction)transaction;
        var insert = append.BatchCommands[1].Parameters;
        insert[0].Value = batch.Select(e => e.Event.Source).ToArray();
        insert[1].Value = batch.Select(e => e.Event.DedupeKey).ToArray();
        insert[2].Value = batch.Select(e => e.Event.Type).ToArray();
        insert[3].Value = batch.Select(e => e.Event.OrderingKey).ToArray();
        insert[4].Value = batch.Select(e => e.HeadersJson).ToArray();
        insert[5].Value = batch.Select(e => e.Body).ToArray();
        insert[6].Value = batch.Select(e => e.BodyEncoding).ToArray();
        insert[7].Value = batch.Select(e => e.Event.ReceivedAt.UtcDateTime).ToArray();

        var inserted = new HashSet<(string Source, string DedupeKey)>();
        await using (var reader = await append.ExecuteReaderAsync())
        {
            await reader.NextResultAsync();
            while (await reader.ReadAsync())
            {
                inserted.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        // Of two rows with one key in the batch, the first is inserted: removing it marks the second a repeat.
        return [.. batch.Select(e => inserted.Remove((e.Event.Source, e.Event.DedupeKey)))];
    }

    private async Task<NpgsqlBatch> PrepareAsync()
    {
        var insert = new NpgsqlBatchCommand(Insert);
        // In the order of the statement's parameters.
        NpgsqlDbType[] elements =
        [
            NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text,
            NpgsqlDbType.Text, NpgsqlDbType.Bytea, NpgsqlDbType.Text, NpgsqlDbType.TimestampTz,
        ];
        foreach (var element in elements)
        {
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | element });
        }

        var append = new NpgsqlBatch(connection) { BatchCommands = { new NpgsqlBatchCommand(TakeTurn), insert } };
        await append.PrepareAsync();
        return append;
    }

    public void Committed()
    {
    }

    public async ValueTask DisposeAsync()
    {
        if (_append is not null)
        {
            await _append.DisposeAsync();
        }
    }
}

/// <summary>An event made ready to store by its sender's request, so that the one writer only writes.</summary>
/// <param name="KeyHash">What <see cref="LoggedKeys"/> finds the key by on SQLite.</param>
internal sealed record EventRow(IncomingEvent Event, string HeadersJson, byte[] Body, string? BodyEncoding, long KeyHash)
{
    public static EventRow For(IncomingEvent e)
    {
        var (body, encoding) = EventBodies.ToStore(e.Body);
        return new EventRow(e, JsonSerializer.Serialize(e.Headers), body, encoding, LoggedKeys.HashOf(e.Source, e.DedupeKey));
    }

    public object[] Values(object receivedAt) =>
        [Event.Source, Event.DedupeKey, Event.Type, (object?)Event.OrderingKey ?? DBNull.Value, HeadersJson, Body, (object?)BodyEncoding ?? DBNull.Value, receivedAt];
}
