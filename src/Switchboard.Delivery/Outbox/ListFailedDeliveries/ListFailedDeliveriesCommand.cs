using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Data;

namespace Switchboard.Delivery.Outbox.ListFailedDeliveries;

/// <summary><c>deliveries failed</c>: the dead letters, oldest first, the order a retry delivers them in, each with a button that retries it.</summary>
internal sealed class ListFailedDeliveriesCommand(SwitchboardDbContext db) : ICommandHandler<NoArguments>
{
    private const int Shown = 50;

    public static CommandDefinition Definition { get; } = new(
        Verb: "deliveries failed",
        Summary: "List the messages the outbox gave up on, with their channel, attempts and last error.",
        Permission: OutboxPermissions.Read,
        Examples: ["deliveries failed"])
    {
        IsReadOnly = true,
    };

    public async Task<CommandResult> HandleAsync(NoArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var failed = db.Set<OutboxEntry>().AsNoTracking().Where(e => e.DeadLetteredAt != null);
        var count = await failed.CountAsync(cancellationToken);
        if (count == 0)
        {
            return Reply.Text("No delivery has failed.", Severity.Success);
        }

        var shown = await failed.OrderBy(e => e.Id).Take(Shown).ToListAsync(cancellationToken);
        var reply = Reply.Build(Severity.Warning);
        foreach (var entry in shown)
        {
            var failedAt = entry.DeadLetteredAt!.Value;
            reply.Section($"Delivery {entry.Id}", section => section
                .Fields(
                    ("Channel", $"#{entry.Channel} ({entry.Adapter})"),
                    ("Attempts", entry.Attempts.ToString(CultureInfo.InvariantCulture)),
                    ("Failed at", failedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
                    ("Last error", entry.LastError ?? "-"))
                // Keyed by when it failed, so a click runs once, and a delivery that fails again can be retried again.
                .Buttons(new Button($"Retry {entry.Id}", $"deliveries retry {entry.Id}", null, ButtonStyle.Primary, $"deliveries-retry-{entry.Id}-{failedAt.ToUnixTimeMilliseconds()}")));
        }

        if (count > Shown)
        {
            reply.Line($"{count - Shown} more not shown.");
        }

        return reply
            .Line("`deliveries retry <id>` or `deliveries retry --all` sends them again, in order.")
            .Buttons(new Button("Retry all", "deliveries retry --all", $"Send all {count} failed deliveries again?", ButtonStyle.Default, $"deliveries-retry-all-{shown[^1].DeadLetteredAt!.Value.ToUnixTimeMilliseconds()}-{count}"))
            .ToReply();
    }
}
