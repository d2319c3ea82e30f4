using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class EventLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "event_checkpoints",
                columns: table => new
                {
                    consumer = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    position = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_event_checkpoints", x => x.consumer);
                });

            migrationBuilder.CreateTable(
                name: "event_dead_letters",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    consumer = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    position = table.Column<long>(type: "INTEGER", nullable: false),
                    error = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    failed_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_event_dead_letters", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "event_log_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    position = table.Column<long>(type: "INTEGER", nullable: true),
                    source = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    dedupe_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ordering_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    headers_json = table.Column<string>(type: "TEXT", nullable: false),
                    body = table.Column<byte[]>(type: "BLOB", nullable: false),
                    received_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_event_log_entries", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_event_dead_letters_consumer_position",
                table: "event_dead_letters",
                columns: new[] { "consumer", "position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_event_log_entries_position",
                table: "event_log_entries",
                column: "position",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_event_log_entries_source_dedupe_key",
                table: "event_log_entries",
                columns: new[] { "source", "dedupe_key" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "event_checkpoints");

            migrationBuilder.DropTable(
                name: "event_dead_letters");

            migrationBuilder.DropTable(
                name: "event_log_entries");
        }
    }
}
