using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Switchboard.Data.Migrations.Postgres.Migrations
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
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    service = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    url = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    source = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    alert_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notify_service_timeline", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "notify_services",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    team = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    channel = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    created_by = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notify_services", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "notify_service_links",
                columns: table => new
                {
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    service_id = table.Column<Guid>(type: "uuid", nullable: false),
                    value = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
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
