using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchboard.Data;

namespace Switchboard.EventLog.Consuming;

/// <summary>
/// Hands events to one consumer's handler, whichever engine read them. The handler's effects and the
/// consumer's progress commit in one transaction, and an event already marked done is skipped, so its
/// effects are kept once. A handler that fails <see cref="MaxAttempts"/> times in a row dead-letters the
/// event with its error, and the consumer moves on.
/// </summary>
internal sealed class EventHandling<THandler>(
    string consumer,
    IConsumerProgress progress,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    ILogger logger)
    where THandler : class, IEventHandler
{
    public const int MaxAttempts = 5;

    /// <summary>Returns once the event is handled, skipped or dead-lettered; throws only when not even the dead letter could be written.</summary>
    public async Task HandleAsync(LoggedEvent logged, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<SwitchboardDbContext>();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                if (await progress.TryMarkDoneAsync(db, consumer, logged, cancellationToken))
                {
                    await scope.ServiceProvider.GetRequiredService<THandler>().HandleAsync(logged, cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                }

                return;
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                logger.HandlerFailed(exception, consumer, logged.Position, attempt);
                if (attempt >= MaxAttempts)
                {
                    await DeadLetterAsync(logged, exception, cancellationToken);
                    return;
                }
            }
        }
    }

    private async Task DeadLetterAsync(LoggedEvent logged, Exception exception, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SwitchboardDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await progress.TryMarkDoneAsync(db, consumer, logged, cancellationToken))
        {
            return;
        }

        var error = $"{exception.GetType().Name}: {exception.Message}";
        db.Add(new EventDeadLetter
        {
            Consumer = consumer,
            Position = logged.Position,
            Error = error.Length <= 4000 ? error : error[..4000],
            FailedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.DeadLettered(consumer, logged.Position, MaxAttempts);
    }
}
