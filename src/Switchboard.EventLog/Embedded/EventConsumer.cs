using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Data;
using Switchboard.EventLog.Consuming;

namespace Switchboard.EventLog.Embedded;

/// <summary>
/// Feeds the log to one handler, in position order, a page at a time. A page's effects and the consumer's
/// checkpoint commit in one transaction of the same database, so after a crash an event is handled again
/// only if none of its effects were kept.
/// </summary>
internal sealed class EventConsumer<THandler>(
    string name,
    WantedSources sources,
    EventHandling<THandler> handling,
    CheckpointProgress checkpoints,
    IServiceScopeFactory scopes,
    WriterTurns turns,
    EventLogActivity activity,
    IngressPressure pressure,
    IOptions<EventLogOptions> options,
    ILogger<EventConsumer<THandler>> logger) : BackgroundService
    where THandler : class, IEventHandler
{
    private const int PageSize = 100;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often at most a consumer of a few sources looks again. Each look reads past every other source's events
    /// since the last and moves its checkpoint there, which on every append would cost a write per consumer per batch.
    /// </summary>
    private static readonly TimeSpan FewSourcesRound = TimeSpan.FromMilliseconds(100);

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
                // Behind by a page or more while senders pile up, a consumer would only fall further behind by competing
                // with them: it leaves the machine to the ingress until the burst is over. One that keeps up reads short
                // pages and never steps aside.
                while (await HandlePageAsync(stoppingToken))
                {
                    await pressure.WhilePressedAsync(stoppingToken);
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The database may be briefly away; the next round picks up where the checkpoint says.
                logger.ConsumerRoundFailed(exception, name);
            }

            if (!sources.All)
            {
                await Task.Delay(FewSourcesRound, stoppingToken);
            }

            await Task.WhenAny(nextAppend, Task.Delay(PollInterval, stoppingToken));
        }
    }

    /// <returns>Whether more events may be waiting.</returns>
    private async Task<bool> HandlePageAsync(CancellationToken cancellationToken)
    {
        List<EventLogEntry> page;
        long checkpoint;
        long? newest = null;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SwitchboardDbContext>();
            checkpoint = await db.Set<EventCheckpoint>().AsNoTracking()
                .Where(c => c.Consumer == name).Select(c => (long?)c.Position).SingleOrDefaultAsync(cancellationToken) ?? 0;
            var unread = db.Set<EventLogEntry>().AsNoTracking().Where(e => e.Position > checkpoint);
            if (!sources.All)
            {
                // Positions up to the newest are all given and visible, so the events of other sources among them can be passed.
                newest = await unread.MaxAsync(e => e.Position, cancellationToken);
                string[] wanted = [.. sources.Names];
                unread = unread.Where(e => e.Position <= newest && wanted.Contains(e.Source));
            }

            page = await unread.OrderBy(e => e.Position).Take(PageSize).ToListAsync(cancellationToken);
        }

        List<LoggedEvent> events = [.. page.Select(entry => entry.ToLoggedEvent())];

        // A transaction may commit after a few events to let an append in; the rest of the page is already read.
        for (var done = 0; done < events.Count;)
        {
            if (done > 0 && page.Count == PageSize)
            {
                await pressure.WhilePressedAsync(cancellationToken);
            }

            done += await handling.HandleAllAsync(events[done..], cancellationToken);
        }

        if (page.Count == PageSize)
        {
            return true;
        }

        if (newest is { } passed && passed > (page.Count > 0 ? page[^1].Position!.Value : checkpoint))
        {
            await PassAsync(passed, cancellationToken);
        }

        return false;
    }

    /// <summary>Moves the checkpoint over events of sources the handler does not want.</summary>
    private async Task PassAsync(long position, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SwitchboardDbContext>();
        using var turn = await turns.TakeAsync(db, cancellationToken);
        await using var transaction = await ConsumerTransaction.BeginAsync(db, checkpointer: true, cancellationToken);
        await checkpoints.TryAdvanceAsync(db, name, position, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}

/// <summary>
/// A consumer's checkpoint as its progress. It only moves forward: a second process that handled the same
/// event finds the checkpoint already past it (PostgreSQL re-reads the row once the first commits) and skips it.
/// </summary>
internal sealed class CheckpointProgress(TimeProvider clock) : IConsumerProgress
{
    public bool MarksEarlierEvents => true;

    public Task<bool> TryMarkDoneAsync(SwitchboardDbContext db, string consumer, LoggedEvent logged, CancellationToken cancellationToken) =>
        TryAdvanceAsync(db, consumer, logged.Position, cancellationToken);

    /// <returns>Whether the checkpoint was before <paramref name="position"/> and now is at it.</returns>
    public async Task<bool> TryAdvanceAsync(SwitchboardDbContext db, string consumer, long position, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var advanced = await db.Set<EventCheckpoint>()
            .Where(c => c.Consumer == consumer && c.Position < position)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.Position, position).SetProperty(x => x.UpdatedAt, now), cancellationToken);
        if (advanced == 1)
        {
            return true;
        }

        if (await db.Set<EventCheckpoint>().AnyAsync(c => c.Consumer == consumer, cancellationToken))
        {
            return false;
        }

        db.Add(new EventCheckpoint { Consumer = consumer, Position = position, UpdatedAt = now });
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}

internal sealed class EmbeddedConsumers(
    IServiceScopeFactory scopes,
    WriterTurns turns,
    EventLogActivity activity,
    IngressPressure pressure,
    IOptions<EventLogOptions> options,
    TimeProvider clock,
    EventLogTelemetry telemetry,
    ILoggerFactory loggers) : IEventConsumerFactory
{
    public IHostedService Create<THandler>(string name, WantedSources sources)
        where THandler : class, IEventHandler
    {
        var logger = loggers.CreateLogger<EventConsumer<THandler>>();
        var checkpoints = new CheckpointProgress(clock);
        return new EventConsumer<THandler>(
            name,
            sources,
            new EventHandling<THandler>(name, checkpoints, scopes, clock, telemetry, logger, turns),
            checkpoints,
            scopes,
            turns,
            activity,
            pressure,
            options,
            logger);
    }
}
