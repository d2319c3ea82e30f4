using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Data.Migrations.Postgres.Migrations
{
    /// <summary>
    /// Appends now draw ids in turns and give each row its id as its position; earlier versions left positions to a
    /// sequencer that ran after the commit. This gives any row still waiting for one the next positions, in id order, and
    /// moves the id sequence past every position, so no id drawn from now on is a position already given.
    /// </summary>
    public partial class EventPositionsGivenAtAppend : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                SELECT pg_advisory_xact_lock(91437003);
                WITH next AS (
                    SELECT id, (SELECT COALESCE(MAX(position), 0) FROM event_log_entries) + ROW_NUMBER() OVER (ORDER BY id) AS position
                    FROM event_log_entries
                    WHERE position IS NULL)
                UPDATE event_log_entries AS e SET position = next.position FROM next WHERE e.id = next.id;
                SELECT setval('event_log_entries_id_seq', GREATEST(
                    (SELECT last_value FROM event_log_entries_id_seq),
                    (SELECT COALESCE(MAX(position), 0) FROM event_log_entries)));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
