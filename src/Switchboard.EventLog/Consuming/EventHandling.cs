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

    /// <summary>
    /// Handles a page of events in one transaction, so that a busy log costs one commit per page rather than
    /// one per event. When any of them fails, the page is rolled back and handled one event at a time, so
    /// that only the failing event is retried and dead-lettered.
    /// </summary>
    public async Task HandleAllAsync(IReadOnlyList<LoggedEvent> page, CancellationToken cancellationToken)
    {
        if (page.Count > 1 && await TryHandleTogetherAsync(page, cancellationToken))
        {
            return;
        }

        foreach (var logged in page)
        {
            await HandleAsync(logged, cancellationToken);
        }
    }

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

    private async Task<bool> TryHandleTogetherAsync(IReadOnlyList<LoggedEvent> page, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SwitchboardDbContext>();
            var handler = scope.ServiceProvider.GetRequiredService<THandler>();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var logged in page)
            {
                if (await progress.TryMarkDoneAsync(db, consumer, logged, cancellationToken))
                {
                    await handler.HandleAsync(logged, cancellationToken);
                }
            }

            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            logger.PageFailed(exception, consumer, page[0].Position, page[^1].Position);
            return false;
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
