using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Data.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SlackWebAuthnOAuth : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "alternate_id",
                table: "rolodex_identities",
                type: "character varying(320)",
                maxLength: 320,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "rolodex_connect_flows",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    state_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    session_id = table.Column<Guid>(type: "uuid", nullable: false),
                    service = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    code_verifier = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rolodex_connect_flows", x => x.id);
                    table.ForeignKey(
                        name: "fk_rolodex_connect_flows_person_person_id",
                        column: x => x.person_id,
                        principalTable: "rolodex_people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "rolodex_link_codes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    service = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    code_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rolodex_link_codes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "slack_channel_bindings",
                columns: table => new
                {
                    channel = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    slack_channel_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    slack_channel_name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    bound_by = table.Column<Guid>(type: "uuid", nullable: false),
                    bound_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_slack_channel_bindings", x => x.channel);
                });

            migrationBuilder.CreateTable(
                name: "slack_pending_requests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    dedupe_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    body = table.Column<byte[]>(type: "bytea", nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    claimed_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_slack_pending_requests", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "trust_security_keys",
                columns: table => new
                {
                    credential_id = table.Column<byte[]>(type: "bytea", maxLength: 1023, nullable: false),
                    reference = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    public_key = table.Column<byte[]>(type: "bytea", maxLength: 2048, nullable: false),
                    sign_count = table.Column<long>(type: "bigint", nullable: false),
                    registered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_trust_security_keys", x => x.credential_id);
                });

            migrationBuilder.CreateTable(
                name: "trust_step_up_links",
                columns: table => new
                {
                    code_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    held_invocation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_trust_step_up_links", x => x.code_hash);
                    table.ForeignKey(
                        name: "fk_trust_step_up_links_held_invocation_held_invocation_id",
                        column: x => x.held_invocation_id,
                        principalTable: "trust_pending_invocations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "trust_webauthn_ceremonies",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    purpose = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: true),
                    link_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    options_json = table.Column<string>(type: "character varying(16000)", maxLength: 16000, nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_trust_webauthn_ceremonies", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_rolodex_connect_flows_expires_at",
                table: "rolodex_connect_flows",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_rolodex_connect_flows_person_id",
                table: "rolodex_connect_flows",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_rolodex_connect_flows_state_hash",
                table: "rolodex_connect_flows",
                column: "state_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_rolodex_link_codes_code_hash",
                table: "rolodex_link_codes",
                column: "code_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_rolodex_link_codes_person_id",
                table: "rolodex_link_codes",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_slack_pending_requests_dedupe_key",
                table: "slack_pending_requests",
                column: "dedupe_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_trust_security_keys_person_id",
                table: "trust_security_keys",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_trust_security_keys_reference",
                table: "trust_security_keys",
                column: "reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_trust_step_up_links_held_invocation_id",
                table: "trust_step_up_links",
                column: "held_invocation_id");

            migrationBuilder.CreateIndex(
                name: "ix_trust_webauthn_ceremonies_expires_at",
                table: "trust_webauthn_ceremonies",
                column: "expires_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "rolodex_connect_flows");

            migrationBuilder.DropTable(
                name: "rolodex_link_codes");

            migrationBuilder.DropTable(
                name: "slack_channel_bindings");

            migrationBuilder.DropTable(
                name: "slack_pending_requests");

            migrationBuilder.DropTable(
                name: "trust_security_keys");

            migrationBuilder.DropTable(
                name: "trust_step_up_links");

            migrationBuilder.DropTable(
                name: "trust_webauthn_ceremonies");

            migrationBuilder.DropColumn(
                name: "alternate_id",
                table: "rolodex_identities");
        }
    }
}
