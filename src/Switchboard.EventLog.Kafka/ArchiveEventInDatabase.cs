using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Switchboard.Data;

namespace Switchboard.EventLog.Kafka;

/// <summary>
/// The Kafka engine's built-in consumer <c>archive</c>: keeps each event in <c>event_log_entries</c>, where
/// operators browse the log whichever the engine, with its Kafka position. The first delivery of a dedupe
/// key is kept; a repeat is not.
/// </summary>
internal sealed class ArchiveEventInDatabase(SwitchboardDbContext db) : IEventHandler
{
    public const string ConsumerName = "archive";

    public async Task HandleAsync(LoggedEvent logged, CancellationToken cancellationToken)
    {
        var sqlite = db.Database.IsSqlite();
        object receivedAt = sqlite ? logged.ReceivedAt.ToUnixTimeMilliseconds() : logged.ReceivedAt.ToUniversalTime();
        var headers = JsonSerializer.Serialize(logged.Headers);
        // A null ordering key goes as null itself: EF maps no DBNull.Value in interpolated SQL, and every event without one failed.
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO event_log_entries (position, source, dedupe_key, type, ordering_key, headers_json, body, received_at)
            VALUES ({logged.Position}, {logged.Source}, {logged.DedupeKey}, {logged.Type}, {logged.OrderingKey}, {headers}, {logged.Body}, {receivedAt})
            ON CONFLICT (source, dedupe_key) WHERE key_hash IS NULL DO NOTHING
            """,
            cancellationToken);
    }
}
