using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Vault : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "disabled_at",
                table: "rolodex_people",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "disabled_by",
                table: "rolodex_people",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "rolodex_vault_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    service = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    key_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    wrapped_key = table.Column<byte[]>(type: "BLOB", nullable: false),
                    sealed_value = table.Column<byte[]>(type: "BLOB", nullable: false),
                    sealed_refresh_token = table.Column<byte[]>(type: "BLOB", nullable: true),
                    scopes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rolodex_vault_entries", x => x.id);
                    table.ForeignKey(
                        name: "fk_rolodex_vault_entries_rolodex_people_person_id",
                        column: x => x.person_id,
                        principalTable: "rolodex_people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_rolodex_vault_entries_key_id",
                table: "rolodex_vault_entries",
                column: "key_id");

            migrationBuilder.CreateIndex(
                name: "ix_rolodex_vault_entries_person_id_service",
                table: "rolodex_vault_entries",
                columns: new[] { "person_id", "service" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "rolodex_vault_entries");

            migrationBuilder.DropColumn(
                name: "disabled_at",
                table: "rolodex_people");

            migrationBuilder.DropColumn(
                name: "disabled_by",
                table: "rolodex_people");
        }
    }
}
