using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Data.Migrations.Postgres.Migrations
{
    /// <summary>
    /// Event bodies arrive compressed already (Snappy), so PostgreSQL's own attempt to compress them before moving them
    /// out of line found nothing to gain: a sixth of the appending backend's time under load. Rows stored before keep
    /// their storage; EF's model has no column storage, so this migration is SQL only.
    /// </summary>
    public partial class EventBodiesStoredAsTheyCome : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE event_log_entries ALTER COLUMN body SET STORAGE EXTERNAL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE event_log_entries ALTER COLUMN body SET STORAGE EXTENDED;");
        }
    }
}
