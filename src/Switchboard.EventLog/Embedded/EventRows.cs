using System.Data.Common;
using System.Text.Json;

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

/// <summary>PostgreSQL's writers commit out of order, so the sequencer gives positions once rows have committed.</summary>
internal sealed class PostgresEventRows(DbConnection connection) : IEventRows
{
    private const string Insert =
        $"INSERT INTO event_log_entries ({EventRows.Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
        + $"ON CONFLICT (source, dedupe_key) WHERE {EventLogConfiguration.WithoutKeyHash} DO NOTHING";

    public async Task<bool[]> InsertAsync(DbTransaction transaction, IReadOnlyList<EventRow> batch)
    {
        await using var statements = connection.CreateBatch();
        statements.Transaction = transaction;
        foreach (var e in batch)
        {
            var statement = statements.CreateBatchCommand();
            statement.CommandText = Insert;
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

    public void Committed()
    {
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
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
