using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchboard.Data;
using Switchboard.EventLog.Embedded;

namespace Switchboard.EventLog.Consuming;

/// <summary>
/// Hands events to one consumer's handler, whichever engine read them. The handler's effects and the
/// consumer's progress commit in one transaction, and an event already marked done is skipped, so its
/// effects are kept once. A handler that fails <see cref="MaxAttempts"/> times in a row dead-letters the
/// event with its error, and the consumer moves on.
/// </summary>
/// <param name="turns">Where the embedded engine's writers take turns on SQLite; null for engines whose log is elsewhere.</param>
internal sealed class EventHandling<THandler>(
    string consumer,
    IConsumerProgress progress,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    EventLogTelemetry telemetry,
    ILogger logger,
    WriterTurns? turns = null)
    where THandler : class, IEventHandler
{
    public const int MaxAttempts = 5;

    /// <summary>How long one transaction keeps handling a page before it commits what it has.</summary>
    private static readonly TimeSpan PageBudget = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// How long it keeps the turn once an append is waiting for it (on SQLite): this bounds what a consumer
    /// adds to a webhook's acknowledgement.
    /// </summary>
    private static readonly TimeSpan AppendWaitingBudget = TimeSpan.FromMilliseconds(3);

    /// <summary>
    /// Handles a page of events in one transaction, so that a busy log costs one commit per page rather than
    /// one per event, committing early when <see cref="PageBudget"/> is spent, or sooner when an append waits. When any of them fails, the
    /// page is rolled back and handled one event at a time, so that only the failing event is retried and
    /// dead-lettered.
    /// </summary>
    /// <returns>How many events, from the first, are done (at least one); the caller hands the rest again.</returns>
    public async Task<int> HandleAllAsync(IReadOnlyList<LoggedEvent> page, CancellationToken cancellationToken)
    {
        if (page.Count > 1 && await TryHandleTogetherAsync(page, cancellationToken) is { } handled)
        {
            return handled;
        }

        foreach (var logged in page)
        {
            await HandleAsync(logged, cancellationToken);
        }

        return page.Count;
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
                using var turn = turns is null ? null : await turns.TakeAsync(db, cancellationToken);
                await using var transaction = await ConsumerTransaction.BeginAsync(db, checkpointer: turns is not null, cancellationToken);
                if (await progress.TryMarkDoneAsync(db, consumer, logged, cancellationToken))
                {
                    await scope.ServiceProvider.GetRequiredService<THandler>().HandleAsync(logged, cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    telemetry.Handled(consumer, logged, clock.GetUtcNow());
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

    /// <returns>How many events it handled, or null when the page failed and was rolled back.</returns>
    private async Task<int?> TryHandleTogetherAsync(IReadOnlyList<LoggedEvent> page, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SwitchboardDbContext>();
            var handler = scope.ServiceProvider.GetRequiredService<THandler>();
            using var turn = turns is null ? null : await turns.TakeAsync(db, cancellationToken);
            await using var transaction = await ConsumerTransaction.BeginAsync(db, checkpointer: turns is not null, cancellationToken);
            if (handler is IPageEventHandler pageHandler)
            {
                await pageHandler.BeforePageAsync(page, cancellationToken);
            }

            var started = Stopwatch.GetTimestamp();
            var handled = 0;
            var handledHere = new List<LoggedEvent>(page.Count);
            LoggedEvent? owned = null;
            while (handled < page.Count && (handled == 0 || WithinBudget(Stopwatch.GetElapsedTime(started))))
            {
                var logged = page[handled++];
                if (owned is not null || await progress.TryMarkDoneAsync(db, consumer, logged, cancellationToken))
                {
                    owned ??= progress.MarksEarlierEvents ? logged : null;
                    await handler.HandleAsync(logged, cancellationToken);
                    handledHere.Add(logged);

                    // Saved, an event's rows need no tracking, and every later save in the page would compare them again.
                    await db.SaveChangesAsync(cancellationToken);
                    db.ChangeTracker.Clear();
                }
            }

            if (owned is not null && page[handled - 1].Position != owned.Position)
            {
                await progress.TryMarkDoneAsync(db, consumer, page[handled - 1], cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            var committedAt = clock.GetUtcNow();
            foreach (var logged in handledHere)
            {
                telemetry.Handled(consumer, logged, committedAt);
            }

            return handled;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            logger.PageFailed(exception, consumer, page[0].Position, page[^1].Position);
            return null;
        }
    }

    private bool WithinBudget(TimeSpan spent) =>
        spent < (turns is { AppendWaiting: true } ? AppendWaitingBudget : PageBudget);

    private async Task DeadLetterAsync(LoggedEvent logged, Exception exception, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SwitchboardDbContext>();
        using var turn = turns is null ? null : await turns.TakeAsync(db, cancellationToken);
        await using var transaction = await ConsumerTransaction.BeginAsync(db, checkpointer: turns is not null, cancellationToken);
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
