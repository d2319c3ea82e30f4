using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Data.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class EventKeyHashes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_event_log_entries_source_dedupe_key",
                table: "event_log_entries");

            migrationBuilder.AddColumn<long>(
                name: "key_hash",
                table: "event_log_entries",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_event_log_entries_id_key_hash",
                table: "event_log_entries",
                columns: new[] { "id", "key_hash" },
                filter: "key_hash IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_event_log_entries_source_dedupe_key",
                table: "event_log_entries",
                columns: new[] { "source", "dedupe_key" },
                unique: true,
                filter: "key_hash IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_event_log_entries_id_key_hash",
                table: "event_log_entries");

            migrationBuilder.DropIndex(
                name: "ix_event_log_entries_source_dedupe_key",
                table: "event_log_entries");

            migrationBuilder.DropColumn(
                name: "key_hash",
                table: "event_log_entries");

            migrationBuilder.CreateIndex(
                name: "ix_event_log_entries_source_dedupe_key",
                table: "event_log_entries",
                columns: new[] { "source", "dedupe_key" },
                unique: true);
        }
    }
}
