using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Data;
using Switchboard.EventLog.Consuming;
using Switchboard.EventLog.Embedded;

namespace Switchboard.EventLog.Retention;

/// <summary>
/// Drops events older than <see cref="EventLogOptions.RetentionDays"/> from <c>event_log_entries</c>, a few hundred
/// per transaction so that appends never wait long, and the keys Kafka's consumers remember handling for as long.
/// It steps aside while the ingress is pressed, and commits as consumers do, without waiting for the disk: a drop
/// that a power cut undoes is done again next time.
/// An event is kept, however old, until every consumer of this process has handled it, while a consumer holds it
/// dead-lettered (an operator may replay it), and when it is the newest: positions continue from the newest one.
/// A redelivery of a dropped event is a new event.
/// </summary>
internal sealed class EventLogRetention(
    IDbContextFactory<SwitchboardDbContext> contexts,
    IOptions<EventLogOptions> options,
    IEnumerable<EventConsumerName> consumers,
    WriterTurns turns,
    IngressPressure pressure,
    LoggedKeys keys,
    EventLogTelemetry telemetry,
    TimeProvider clock,
    ILogger<EventLogRetention> logger)
{
    private const int RowsPerTransaction = 500;

    private const string DropOldest =
        """
        DELETE FROM event_log_entries WHERE id IN (
            SELECT e.id FROM event_log_entries e
            WHERE e.received_at < @cutoff AND e.position <= @handled
              AND e.position < (SELECT MAX(newest.position) FROM event_log_entries newest)
              AND NOT EXISTS (SELECT 1 FROM event_dead_letters d WHERE d.position = e.position)
            LIMIT @rows)
        RETURNING id, key_hash
        """;

    /// <returns>How many events were dropped.</returns>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        if (options.Value.RetentionDays == 0)
        {
            return 0;
        }

        var started = Stopwatch.GetTimestamp();
        var cutoff = clock.GetUtcNow() - TimeSpan.FromDays(options.Value.RetentionDays);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var onKafka = options.Value.Engine == EventLogEngine.Kafka;
        var handled = onKafka ? long.MaxValue : await HandledByEveryConsumerAsync(db, cancellationToken);
        var dropped = 0;
        if (handled is { } through)
        {
            int round;
            do
            {
                round = await DropSomeAsync(db, cutoff, through, cancellationToken);
                dropped += round;
            }
            while (round == RowsPerTransaction);
        }

        if (onKafka)
        {
            // Only Kafka's consumers remember the keys they handled; the embedded engine's keep a checkpoint.
            await db.Set<HandledEventKey>().Where(h => h.HandledAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        }

        if (dropped > 0)
        {
            var took = Stopwatch.GetElapsedTime(started);
            telemetry.Pruned(dropped);
            logger.EventsPruned(dropped, options.Value.RetentionDays, took.TotalSeconds);
        }

        return dropped;
    }

    /// <returns>The position every consumer has handled up to; null while one has not started.</returns>
    private async Task<long?> HandledByEveryConsumerAsync(SwitchboardDbContext db, CancellationToken cancellationToken)
    {
        var names = consumers.Select(c => c.Name).Distinct().ToList();
        var checkpoints = await db.Set<EventCheckpoint>().AsNoTracking()
            .Where(c => names.Contains(c.Consumer))
            .Select(c => c.Position)
            .ToListAsync(cancellationToken);
        return names.Count > 0 && checkpoints.Count == names.Count ? checkpoints.Min() : null;
    }

    private async Task<int> DropSomeAsync(SwitchboardDbContext db, DateTimeOffset cutoff, long handled, CancellationToken cancellationToken)
    {
        await pressure.WhilePressedAsync(cancellationToken);
        using var turn = await turns.TakeAsync(db, cancellationToken);
        await using var transaction = await ConsumerTransaction.BeginAsync(db, checkpointer: options.Value.Engine == EventLogEngine.Embedded, cancellationToken);
        await using var drop = db.Database.GetDbConnection().CreateCommand();
        drop.Transaction = transaction.GetDbTransaction();
        drop.CommandText = DropOldest;
        Add(drop, "@cutoff", db.Database.IsSqlite() ? cutoff.ToUnixTimeMilliseconds() : cutoff);
        Add(drop, "@handled", handled);
        Add(drop, "@rows", RowsPerTransaction);
        var dropped = 0;
        var hashed = new List<(long Hash, long Id)>();
        await using (var rows = await drop.ExecuteReaderAsync(cancellationToken))
        {
            while (await rows.ReadAsync(cancellationToken))
            {
                dropped++;
                if (!await rows.IsDBNullAsync(1, cancellationToken))
                {
                    hashed.Add((rows.GetInt64(1), rows.GetInt64(0)));
                }
            }
        }

        await transaction.CommitAsync(cancellationToken);
        keys.Forget(hashed);
        return dropped;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
