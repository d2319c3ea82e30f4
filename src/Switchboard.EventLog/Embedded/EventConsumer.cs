using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Data;

namespace Switchboard.EventLog.Embedded;

/// <summary>
/// Feeds the log to one handler, in position order. Each event's effects and the consumer's checkpoint
/// commit in one transaction of the same database, so after a crash an event is handled again only if
/// none of its effects were kept. An event that keeps failing is dead-lettered and the consumer moves on.
/// </summary>
internal sealed class EventConsumer<THandler>(
    string name,
    IServiceScopeFactory scopes,
    EventSequencer sequencer,
    EventLogActivity activity,
    IOptions<EventLogOptions> options,
    TimeProvider clock,
    ILogger<EventConsumer<THandler>> logger) : BackgroundService
    where THandler : class, IEventHandler
{
    public const int MaxAttempts = 5;
    private const int PageSize = 100;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Consume)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var nextAppend = activity.NextAppendAsync();
            try
            {
                await sequencer.SequenceAsync(stoppingToken);
                while (await HandlePageAsync(stoppingToken) == PageSize)
                {
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The database may be briefly away; the next round picks up where the checkpoint says.
                logger.ConsumerRoundFailed(exception, name);
            }

            await Task.WhenAny(nextAppend, Task.Delay(PollInterval, stoppingToken));
        }
    }

    private async Task<int> HandlePageAsync(CancellationToken cancellationToken)
    {
        List<EventLogEntry> page;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SwitchboardDbContext>();
            var checkpoint = await db.Set<EventCheckpoint>().AsNoTracking()
                .Where(c => c.Consumer == name).Select(c => (long?)c.Position).SingleOrDefaultAsync(cancellationToken) ?? 0;
            page = await db.Set<EventLogEntry>().AsNoTracking()
                .Where(e => e.Position > checkpoint)
                .OrderBy(e => e.Position)
                .Take(PageSize)
                .ToListAsync(cancellationToken);
        }

        foreach (var entry in page)
        {
            await HandleWithRetriesAsync(entry, cancellationToken);
        }

        return page.Count;
    }

    private async Task HandleWithRetriesAsync(EventLogEntry entry, CancellationToken cancellationToken)
    {
        var logged = new LoggedEvent(
            entry.Position!.Value, entry.Source, entry.DedupeKey, entry.Type, entry.OrderingKey,
            JsonSerializer.Deserialize<Dictionary<string, string>>(entry.HeadersJson)!, entry.Body, entry.ReceivedAt);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<SwitchboardDbContext>();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                await scope.ServiceProvider.GetRequiredService<THandler>().HandleAsync(logged, cancellationToken);
                await AdvanceAsync(db, logged.Position, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return;
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                logger.HandlerFailed(exception, name, logged.Position, attempt);
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
        var error = $"{exception.GetType().Name}: {exception.Message}";
        db.Add(new EventDeadLetter
        {
            Consumer = name,
            Position = logged.Position,
            Error = error.Length <= 4000 ? error : error[..4000],
            FailedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        await AdvanceAsync(db, logged.Position, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.DeadLettered(name, logged.Position, MaxAttempts);
    }

    private async Task AdvanceAsync(SwitchboardDbContext db, long position, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var updated = await db.Set<EventCheckpoint>().Where(c => c.Consumer == name)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.Position, position).SetProperty(x => x.UpdatedAt, now), cancellationToken);
        if (updated == 0)
        {
            db.Add(new EventCheckpoint { Consumer = name, Position = position, UpdatedAt = now });
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
