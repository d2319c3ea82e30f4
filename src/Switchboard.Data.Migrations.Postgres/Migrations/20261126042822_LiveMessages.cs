using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Data.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class LiveMessages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "replaces_first",
                table: "delivery_outbox",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "edited_at",
                table: "delivery_channel_messages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_delivery_channel_messages_channel_id_edited_at",
                table: "delivery_channel_messages",
                columns: new[] { "channel_id", "edited_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_delivery_channel_messages_channel_id_edited_at",
                table: "delivery_channel_messages");

            migrationBuilder.DropColumn(
                name: "replaces_first",
                table: "delivery_outbox");

            migrationBuilder.DropColumn(
                name: "edited_at",
                table: "delivery_channel_messages");
        }
    }
}
