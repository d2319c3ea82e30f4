using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Switchboard.Data.Migrations.Postgres.Migrations
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
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "delivery_outbox",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    channel = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    adapter = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    reply_json = table.Column<string>(type: "text", nullable: false),
                    thread_key = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    enqueued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    dead_lettered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_delivery_outbox", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "delivery_threads",
                columns: table => new
                {
                    channel = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    adapter = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    thread_key = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                name: "fk_delivery_channel_messages_delivery_channel_messages_thread_",
                table: "delivery_channel_messages",
                column: "thread_of",
                principalTable: "delivery_channel_messages",
                principalColumn: "id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_delivery_channel_messages_delivery_channel_messages_thread_",
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
