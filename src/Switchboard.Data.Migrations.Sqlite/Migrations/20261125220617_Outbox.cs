using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Outbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "thread_of",
                table: "delivery_channel_messages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "delivery_outbox",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    channel = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    adapter = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    reply_json = table.Column<string>(type: "TEXT", nullable: false),
                    thread_key = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    enqueued_at = table.Column<long>(type: "INTEGER", nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    next_attempt_at = table.Column<long>(type: "INTEGER", nullable: false),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    dead_lettered_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_delivery_outbox", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "delivery_threads",
                columns: table => new
                {
                    channel = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    adapter = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    thread_key = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    started_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_delivery_threads", x => new { x.channel, x.adapter, x.thread_key });
                });

            migrationBuilder.CreateIndex(
                name: "ix_delivery_channel_messages_thread_of",
                table: "delivery_channel_messages",
                column: "thread_of");

            migrationBuilder.CreateIndex(
                name: "ix_delivery_outbox_channel_adapter_id",
                table: "delivery_outbox",
                columns: new[] { "channel", "adapter", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_delivery_outbox_dead_lettered_at",
                table: "delivery_outbox",
                column: "dead_lettered_at");

            migrationBuilder.AddForeignKey(
                name: "fk_delivery_channel_messages_delivery_channel_messages_thread_of",
                table: "delivery_channel_messages",
                column: "thread_of",
                principalTable: "delivery_channel_messages",
                principalColumn: "id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_delivery_channel_messages_delivery_channel_messages_thread_of",
                table: "delivery_channel_messages");

            migrationBuilder.DropTable(
                name: "delivery_outbox");

            migrationBuilder.DropTable(
                name: "delivery_threads");

            migrationBuilder.DropIndex(
                name: "ix_delivery_channel_messages_thread_of",
                table: "delivery_channel_messages");

            migrationBuilder.DropColumn(
                name: "thread_of",
                table: "delivery_channel_messages");
        }
    }
}
