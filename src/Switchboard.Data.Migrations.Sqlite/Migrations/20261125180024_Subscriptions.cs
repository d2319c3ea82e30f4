using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Subscriptions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "notify_subscriptions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    scope = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    scope_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    features = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    created_by = table.Column<Guid>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notify_subscriptions", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_notify_subscriptions_source_scope_key_channel",
                table: "notify_subscriptions",
                columns: new[] { "source", "scope_key", "channel" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "notify_subscriptions");
        }
    }
}
