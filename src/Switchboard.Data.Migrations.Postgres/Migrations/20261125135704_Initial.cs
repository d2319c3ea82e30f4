using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Switchboard.Data.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "core_audit_entries",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "bigint", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: true),
                    front_end = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    action = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    outcome = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    code = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    detail = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    previous_hash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    hash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_core_audit_entries", x => x.sequence);
                });

            migrationBuilder.CreateTable(
                name: "core_idempotency_records",
                columns: table => new
                {
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    fingerprint = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    result_json = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_core_idempotency_records", x => new { x.person_id, x.key });
                });

            migrationBuilder.CreateTable(
                name: "delivery_channels",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    owner_person_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_delivery_channels", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "rolodex_people",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    handle = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    display_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    name_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    time_zone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    is_admin = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rolodex_people", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "rolodex_teams",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rolodex_teams", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "delivery_channel_messages",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    channel_id = table.Column<Guid>(type: "uuid", nullable: false),
                    author_person_id = table.Column<Guid>(type: "uuid", nullable: true),
                    text = table.Column<string>(type: "character varying(40000)", maxLength: 40000, nullable: false),
                    reply_json = table.Column<string>(type: "text", nullable: false),
                    posted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_delivery_channel_messages", x => x.id);
                    table.ForeignKey(
                        name: "fk_delivery_channel_messages_delivery_channels_channel_id",
                        column: x => x.channel_id,
                        principalTable: "delivery_channels",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "rolodex_api_tokens",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    hash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    prefix = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    is_read_only = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rolodex_api_tokens", x => x.id);
                    table.ForeignKey(
                        name: "fk_rolodex_api_tokens_rolodex_people_person_id",
                        column: x => x.person_id,
                        principalTable: "rolodex_people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "rolodex_identities",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    service = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    workspace = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    external_id = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    proof = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    asserted_by = table.Column<Guid>(type: "uuid", nullable: true),
                    linked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rolodex_identities", x => x.id);
                    table.ForeignKey(
                        name: "fk_rolodex_identities_person_person_id",
                        column: x => x.person_id,
                        principalTable: "rolodex_people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "rolodex_memberships",
                columns: table => new
                {
                    team_id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    joined_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rolodex_memberships", x => new { x.team_id, x.person_id });
                    table.ForeignKey(
                        name: "fk_rolodex_memberships_rolodex_people_person_id",
                        column: x => x.person_id,
                        principalTable: "rolodex_people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_rolodex_memberships_team_team_id",
                        column: x => x.team_id,
                        principalTable: "rolodex_teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "delivery_channels",
                columns: new[] { "id", "created_at", "description", "name", "owner_person_id" },
                values: new object[,]
                {
                    { new Guid("0193a000-0000-7000-8000-000000000001"), new DateTimeOffset(new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "Operations: pages, incidents and the people on call.", "ops", null },
                    { new Guid("0193a000-0000-7000-8000-000000000002"), new DateTimeOffset(new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "Deployments as they start, pass and fail.", "deploys", null }
                });

            migrationBuilder.CreateIndex(
                name: "ix_core_audit_entries_occurred_at",
                table: "core_audit_entries",
                column: "occurred_at");

            migrationBuilder.CreateIndex(
                name: "ix_core_audit_entries_person_id",
                table: "core_audit_entries",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_core_idempotency_records_created_at",
                table: "core_idempotency_records",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_delivery_channel_messages_channel_id_id",
                table: "delivery_channel_messages",
                columns: new[] { "channel_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_delivery_channels_name",
                table: "delivery_channels",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_delivery_channels_owner_person_id",
                table: "delivery_channels",
                column: "owner_person_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_rolodex_api_tokens_hash",
                table: "rolodex_api_tokens",
                column: "hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_rolodex_api_tokens_person_id_name",
                table: "rolodex_api_tokens",
                columns: new[] { "person_id", "name" },
                unique: true,
                filter: "revoked_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_rolodex_identities_person_id",
                table: "rolodex_identities",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_rolodex_identities_service_workspace_external_id",
                table: "rolodex_identities",
                columns: new[] { "service", "workspace", "external_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_rolodex_memberships_person_id",
                table: "rolodex_memberships",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_rolodex_people_email",
                table: "rolodex_people",
                column: "email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_rolodex_people_handle",
                table: "rolodex_people",
                column: "handle",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_rolodex_people_name_key",
                table: "rolodex_people",
                column: "name_key");

            migrationBuilder.CreateIndex(
                name: "ix_rolodex_teams_name",
                table: "rolodex_teams",
                column: "name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "core_audit_entries");

            migrationBuilder.DropTable(
                name: "core_idempotency_records");

            migrationBuilder.DropTable(
                name: "delivery_channel_messages");

            migrationBuilder.DropTable(
                name: "rolodex_api_tokens");

            migrationBuilder.DropTable(
                name: "rolodex_identities");

            migrationBuilder.DropTable(
                name: "rolodex_memberships");

            migrationBuilder.DropTable(
                name: "delivery_channels");

            migrationBuilder.DropTable(
                name: "rolodex_people");

            migrationBuilder.DropTable(
                name: "rolodex_teams");
        }
    }
}
