using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Data.Migrations.Postgres.Migrations
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
                    source = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    dedupe_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    channel = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    posted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    replayed_by = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notify_event_posts", x => new { x.source, x.dedupe_key, x.channel });
                });

            migrationBuilder.CreateTable(
                name: "notify_routed_events",
                columns: table => new
                {
                    source = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    dedupe_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    scope = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    service = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    routed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
