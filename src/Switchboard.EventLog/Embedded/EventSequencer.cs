using Microsoft.EntityFrameworkCore;
using Switchboard.Data;

namespace Switchboard.EventLog.Embedded;

/// <summary>
/// Gives committed events their positions, in the order they became visible. Ids come from a sequence
/// when a row is inserted, and on PostgreSQL a row with a lower id can commit after one with a higher
/// id; a consumer reading by id would skip it. A position is only given to a row already committed, by
/// one sequencer at a time, so a late commit gets a later position and nothing is skipped.
/// </summary>
internal sealed class EventSequencer(IDbContextFactory<SwitchboardDbContext> contexts)
{
    private const string TakeTurns = "SELECT pg_advisory_xact_lock(91437003)";
    /// <summary>Gives every committed event without a position the next ones, in id order.</summary>
    private const string AssignPositions = """
        WITH next AS (
            SELECT id, (SELECT COALESCE(MAX(position), 0) FROM event_log_entries) + ROW_NUMBER() OVER (ORDER BY id) AS position
            FROM event_log_entries
            WHERE position IS NULL)
        UPDATE event_log_entries AS e SET position = next.position FROM next WHERE e.id = next.id
        """;

    /// <remarks>
    /// On SQLite the append gives positions as it inserts, so there is nothing left to do. On PostgreSQL
    /// sequencers take turns through an advisory lock held until commit.
    /// </remarks>
    public async Task SequenceAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(TakeTurns, cancellationToken);
        await db.Database.ExecuteSqlRawAsync(AssignPositions, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
