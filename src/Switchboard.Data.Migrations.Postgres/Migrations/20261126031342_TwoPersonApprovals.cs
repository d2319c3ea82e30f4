using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Switchboard.Data.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class TwoPersonApprovals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "trust_approval_requests",
                columns: table => new
                {
                    number = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    requester_id = table.Column<Guid>(type: "uuid", nullable: false),
                    front_end = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    access = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    credential_expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    verb = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    canonical_text = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    sealed_request = table.Column<string>(type: "character varying(40000)", maxLength: 40000, nullable: false),
                    team = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    channel = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    decided_by = table.Column<Guid>(type: "uuid", nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_trust_approval_requests", x => x.number);
                });

            migrationBuilder.CreateIndex(
                name: "ix_trust_approval_requests_requester_id_state",
                table: "trust_approval_requests",
                columns: new[] { "requester_id", "state" });

            migrationBuilder.CreateIndex(
                name: "ix_trust_approval_requests_state_expires_at",
                table: "trust_approval_requests",
                columns: new[] { "state", "expires_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "trust_approval_requests");
        }
    }
}
