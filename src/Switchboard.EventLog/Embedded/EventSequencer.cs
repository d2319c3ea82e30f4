using Microsoft.EntityFrameworkCore;
using Switchboard.Data;

namespace Switchboard.EventLog.Embedded;

/// <summary>
/// Gives committed events their positions, in the order they became visible. Ids come from a sequence
/// when a row is inserted, and on PostgreSQL a row with a lower id can commit after one with a higher
/// id; a consumer reading by id would skip it. A position is only given to a row already committed, by
/// one sequencer at a time, so a late commit gets a later position and nothing is skipped.
/// </summary>
internal sealed class EventSequencer(IDbContextFactory<SwitchboardDbContext> contexts) : IDisposable
{
    /// <summary>
    /// Sequencers take turns through an advisory lock held until commit. The commit need not wait for the disk: a consumer
    /// acts on positions in a later transaction, whose commit flushes the WAL up to it, so positions a consumer acted on
    /// are never lost, and any others are given again after a crash.
    /// </summary>
    private const string AssignPositions = """
        SELECT pg_advisory_xact_lock(91437003);
        SET LOCAL synchronous_commit = off;
        WITH next AS (
            SELECT id, (SELECT COALESCE(MAX(position), 0) FROM event_log_entries) + ROW_NUMBER() OVER (ORDER BY id) AS position
            FROM event_log_entries
            WHERE position IS NULL)
        UPDATE event_log_entries AS e SET position = next.position FROM next WHERE e.id = next.id
        """;

    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>Runs started in this process, each numbered by the count at its start.</summary>
    private long _started;

    /// <summary>The number of the last run that committed.</summary>
    private long _committed;

    private bool? _onSqlite;

    /// <summary>
    /// Returns once a run that started after this call has committed: every event committed before the call has its
    /// position. Every consumer asks at every append, so callers that arrive while a run is under way share the next one.
    /// </summary>
    /// <remarks>On SQLite the append gives positions as it inserts, so there is nothing left to do.</remarks>
    public async Task SequenceAsync(CancellationToken cancellationToken)
    {
        if (_onSqlite == true)
        {
            return;
        }

        var arrived = Interlocked.Read(ref _started);
        await _turn.WaitAsync(cancellationToken);
        try
        {
            if (_committed > arrived)
            {
                return;
            }

            var run = Interlocked.Increment(ref _started);
            await RunAsync(cancellationToken);
            _committed = run;
        }
        finally
        {
            _turn.Release();
        }
    }

    public void Dispose() => _turn.Dispose();

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        _onSqlite ??= db.Database.IsSqlite();
        if (_onSqlite.Value)
        {
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(AssignPositions, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
