using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Data.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class WebSessions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "rolodex_sign_in_links",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    issued_by = table.Column<Guid>(type: "uuid", nullable: false),
                    hash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rolodex_sign_in_links", x => x.id);
                    table.ForeignKey(
                        name: "fk_rolodex_sign_in_links_rolodex_people_person_id",
                        column: x => x.person_id,
                        principalTable: "rolodex_people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "rolodex_web_sessions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    hash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    client = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    address = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rolodex_web_sessions", x => x.id);
                    table.ForeignKey(
                        name: "fk_rolodex_web_sessions_rolodex_people_person_id",
                        column: x => x.person_id,
                        principalTable: "rolodex_people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_rolodex_sign_in_links_hash",
                table: "rolodex_sign_in_links",
                column: "hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_rolodex_sign_in_links_person_id",
                table: "rolodex_sign_in_links",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_rolodex_web_sessions_hash",
                table: "rolodex_web_sessions",
                column: "hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_rolodex_web_sessions_person_id_ended_at",
                table: "rolodex_web_sessions",
                columns: new[] { "person_id", "ended_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "rolodex_sign_in_links");

            migrationBuilder.DropTable(
                name: "rolodex_web_sessions");
        }
    }
}
