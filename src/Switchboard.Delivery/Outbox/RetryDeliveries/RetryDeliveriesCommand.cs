using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Data;

namespace Switchboard.Delivery.Outbox.RetryDeliveries;

/// <summary>
/// <c>deliveries retry &lt;id&gt;|--all</c>: puts dead letters back in their streams with a fresh budget of attempts and age.
/// A stream delivers in id order, so they go out before anything enqueued after them that is still waiting.
/// </summary>
internal sealed class RetryDeliveriesCommand(SwitchboardDbContext db, OutboxSignal signal, TimeProvider clock) : ICommandHandler<RetryDeliveriesArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "deliveries retry",
        Summary: "Send failed deliveries again: one by its id, or all of them with --all.",
        Permission: OutboxPermissions.Retry,
        Examples: ["deliveries retry --all"]);

    public async Task<CommandResult> HandleAsync(RetryDeliveriesArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        if (arguments.Id is null == !arguments.All)
        {
            return OutboxErrors.RetryWhat();
        }

        var id = arguments.Id;
        var now = clock.GetUtcNow();
        var retried = await db.Set<OutboxEntry>()
            .Where(e => e.DeadLetteredAt != null && (id == null || e.Id == id))
            .ExecuteUpdateAsync(
                e => e.SetProperty(x => x.DeadLetteredAt, (DateTimeOffset?)null)
                    .SetProperty(x => x.Attempts, 0)
                    .SetProperty(x => x.EnqueuedAt, now)
                    .SetProperty(x => x.NextAttemptAt, now),
                cancellationToken);
        if (retried == 0 && id is { } missing)
        {
            return OutboxErrors.NotFailed(missing);
        }

        signal.Wake();
        return retried switch
        {
            0 => Reply.Text("No delivery has failed; there is nothing to retry."),
            1 => Reply.Text("Sending 1 failed delivery again.", Severity.Success),
            _ => Reply.Text($"Sending {retried} failed deliveries again, in order.", Severity.Success),
        };
    }
}

internal sealed record RetryDeliveriesArguments(
    [Argument("The delivery's id, as 'deliveries failed' shows it.")] long? Id = null,
    [Option("Retry every failed delivery.")] bool All = false);
