using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.EventLog;

namespace Switchboard.Modules.Slack.Inbound;

/// <summary>
/// The <c>slack</c> consumer: hands each request from Slack in the log to <see cref="SlackRequestRunner"/>, in the
/// consumer's own transaction, so a request is queued exactly once however often Slack sent it.
/// </summary>
internal sealed class SlackRequestIntake(SwitchboardDbContext db, SlackRequestRunner runner, TimeProvider clock) : IEventHandler
{
    public const string ConsumerName = "slack";

    public async Task HandleAsync(LoggedEvent logged, CancellationToken cancellationToken)
    {
        if (logged.Source != SlackRequest.Source
            || await db.Set<PendingSlackRequest>().AnyAsync(p => p.DedupeKey == logged.DedupeKey, cancellationToken))
        {
            return;
        }

        db.Add(new PendingSlackRequest
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            DedupeKey = logged.DedupeKey,
            Type = logged.Type,
            Body = logged.Body,
            ReceivedAt = logged.ReceivedAt,
        });
        await db.SaveChangesAsync(cancellationToken);
        runner.Wake();
    }
}
