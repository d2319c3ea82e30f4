using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class EventHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "notify_event_posts",
                columns: table => new
                {
                    source = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    dedupe_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    posted_at = table.Column<long>(type: "INTEGER", nullable: false),
                    replayed_by = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notify_event_posts", x => new { x.source, x.dedupe_key, x.channel });
                });

            migrationBuilder.CreateTable(
                name: "notify_routed_events",
                columns: table => new
                {
                    source = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    dedupe_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    received_at = table.Column<long>(type: "INTEGER", nullable: false),
                    scope = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    service = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    routed_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notify_routed_events", x => new { x.source, x.dedupe_key });
                });

            migrationBuilder.CreateIndex(
                name: "ix_event_log_entries_received_at",
                table: "event_log_entries",
                column: "received_at");

            migrationBuilder.CreateIndex(
                name: "ix_notify_routed_events_service_received_at",
                table: "notify_routed_events",
                columns: new[] { "service", "received_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "notify_event_posts");

            migrationBuilder.DropTable(
                name: "notify_routed_events");

            migrationBuilder.DropIndex(
                name: "ix_event_log_entries_received_at",
                table: "event_log_entries");
        }
    }
}
