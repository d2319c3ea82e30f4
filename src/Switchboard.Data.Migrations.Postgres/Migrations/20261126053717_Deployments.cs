using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Switchboard.Data.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Deployments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "deploy_deployments",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    app = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    environment = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    action = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    @ref = table.Column<string>(name: "ref", type: "character varying(255)", maxLength: 255, nullable: true),
                    from_environment = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    release = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    target = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    service = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    requester_id = table.Column<Guid>(type: "uuid", nullable: false),
                    requester_handle = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    forced = table.Column<bool>(type: "boolean", nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    step = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    active_key = table.Column<string>(type: "character varying(129)", maxLength: 129, nullable: true),
                    version = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    error_code = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    error_detail = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_deploy_deployments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "deploy_freezes",
                columns: table => new
                {
                    scope = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    frozen_by_id = table.Column<Guid>(type: "uuid", nullable: false),
                    frozen_by_handle = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    reason = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    frozen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_deploy_freezes", x => new { x.scope, x.name });
                });

            migrationBuilder.CreateTable(
                name: "deploy_locks",
                columns: table => new
                {
                    app = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    environment = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    holder_id = table.Column<Guid>(type: "uuid", nullable: false),
                    holder_handle = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    reason = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    locked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_deploy_locks", x => new { x.app, x.environment });
                });

            migrationBuilder.CreateTable(
                name: "deploy_deployment_lines",
                columns: table => new
                {
                    deployment_id = table.Column<long>(type: "bigint", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    step = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_deploy_deployment_lines", x => new { x.deployment_id, x.number });
                    table.ForeignKey(
                        name: "fk_deploy_deployment_lines_deploy_deployments_deployment_id",
                        column: x => x.deployment_id,
                        principalTable: "deploy_deployments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_deploy_deployments_active_key",
                table: "deploy_deployments",
                column: "active_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_deploy_deployments_app_environment_id",
                table: "deploy_deployments",
                columns: new[] { "app", "environment", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "deploy_deployment_lines");

            migrationBuilder.DropTable(
                name: "deploy_freezes");

            migrationBuilder.DropTable(
                name: "deploy_locks");

            migrationBuilder.DropTable(
                name: "deploy_deployments");
        }
    }
}
