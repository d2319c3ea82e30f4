using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Data.Migrations.Sqlite.Migrations
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
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    front_end = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    access = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    credential_expires_at = table.Column<long>(type: "INTEGER", nullable: true),
                    verb = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    canonical_text = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    sealed_request = table.Column<string>(type: "TEXT", maxLength: 40000, nullable: false),
                    held_at = table.Column<long>(type: "INTEGER", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_trust_pending_invocations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "trust_totp_authenticators",
                columns: table => new
                {
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sealed_secret = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    enrolled_at = table.Column<long>(type: "INTEGER", nullable: false),
                    confirmed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    last_used_step = table.Column<long>(type: "INTEGER", nullable: false),
                    last_used_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_trust_totp_authenticators", x => x.person_id);
                });

            migrationBuilder.CreateTable(
                name: "trust_verifications",
                columns: table => new
                {
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    verified_at = table.Column<long>(type: "INTEGER", nullable: true),
                    verified_with = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    is_spent = table.Column<bool>(type: "INTEGER", nullable: false),
                    failed_attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    failing_since = table.Column<long>(type: "INTEGER", nullable: true),
                    locked_until = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_trust_verifications", x => x.person_id);
                });

            migrationBuilder.CreateTable(
                name: "trust_yubikeys",
                columns: table => new
                {
                    public_id = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sealed_secret = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    enrolled_at = table.Column<long>(type: "INTEGER", nullable: false),
                    last_counter = table.Column<int>(type: "INTEGER", nullable: false),
                    last_used_at = table.Column<long>(type: "INTEGER", nullable: true)
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
