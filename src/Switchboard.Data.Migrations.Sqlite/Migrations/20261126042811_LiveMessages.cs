using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Data.Migrations.Sqlite.Migrations
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
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "edited_at",
                table: "delivery_channel_messages",
                type: "INTEGER",
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
