using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ServiceCatalog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "notify_service_timeline",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    service = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    occurred_at = table.Column<long>(type: "INTEGER", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    url = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    source = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    alert_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notify_service_timeline", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "notify_services",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    team = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    created_by = table.Column<Guid>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notify_services", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "notify_service_links",
                columns: table => new
                {
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    service_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    value = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notify_service_links", x => new { x.kind, x.key });
                    table.ForeignKey(
                        name: "fk_notify_service_links_notify_services_service_id",
                        column: x => x.service_id,
                        principalTable: "notify_services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_notify_service_links_service_id",
                table: "notify_service_links",
                column: "service_id");

            migrationBuilder.CreateIndex(
                name: "ix_notify_service_timeline_service_occurred_at",
                table: "notify_service_timeline",
                columns: new[] { "service", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_notify_service_timeline_service_source_reference",
                table: "notify_service_timeline",
                columns: new[] { "service", "source", "reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_notify_services_name",
                table: "notify_services",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_notify_services_team",
                table: "notify_services",
                column: "team");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "notify_service_links");

            migrationBuilder.DropTable(
                name: "notify_service_timeline");

            migrationBuilder.DropTable(
                name: "notify_services");
        }
    }
}
