using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Data.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Factors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "trust_pending_invocations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    front_end = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    access = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    credential_expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    verb = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    canonical_text = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    sealed_request = table.Column<string>(type: "character varying(40000)", maxLength: 40000, nullable: false),
                    held_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_trust_pending_invocations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "trust_totp_authenticators",
                columns: table => new
                {
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sealed_secret = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    enrolled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    confirmed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_used_step = table.Column<long>(type: "bigint", nullable: false),
                    last_used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_trust_totp_authenticators", x => x.person_id);
                });

            migrationBuilder.CreateTable(
                name: "trust_verifications",
                columns: table => new
                {
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    verified_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    verified_with = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    is_spent = table.Column<bool>(type: "boolean", nullable: false),
                    failed_attempts = table.Column<int>(type: "integer", nullable: false),
                    failing_since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    locked_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_trust_verifications", x => x.person_id);
                });

            migrationBuilder.CreateTable(
                name: "trust_yubikeys",
                columns: table => new
                {
                    public_id = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sealed_secret = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    enrolled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_counter = table.Column<int>(type: "integer", nullable: false),
                    last_used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_trust_yubikeys", x => x.public_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_trust_pending_invocations_person_id_expires_at",
                table: "trust_pending_invocations",
                columns: new[] { "person_id", "expires_at" });

            migrationBuilder.CreateIndex(
                name: "ix_trust_yubikeys_person_id",
                table: "trust_yubikeys",
                column: "person_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "trust_pending_invocations");

            migrationBuilder.DropTable(
                name: "trust_totp_authenticators");

            migrationBuilder.DropTable(
                name: "trust_verifications");

            migrationBuilder.DropTable(
                name: "trust_yubikeys");
        }
    }
}
