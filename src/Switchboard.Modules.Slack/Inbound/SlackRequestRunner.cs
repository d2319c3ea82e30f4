using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Data;
using Switchboard.EventLog;

namespace Switchboard.Modules.Slack.Inbound;

/// <summary>
/// Answers the requests the <c>slack</c> consumer queued, several at once so one slow command holds up no
/// other: claims one for a while, runs it, posts the reply, and forgets it. If the process dies on the way,
/// the claim lapses and the request runs again; the idempotency key it runs under makes that a repeat of the
/// first reply, never a second run. The reply itself may then be posted twice, which Slack cannot tell us.
/// </summary>
internal sealed class SlackRequestRunner(
    IServiceScopeFactory scopes,
    IOptions<EventLogOptions> eventLog,
    IngressPressure pressure,
    TimeProvider clock,
    ILogger<SlackRequestRunner> logger) : BackgroundService
{
    /// <summary>Longer than any command should take: a claim that lapses while its command still runs would start it twice.</summary>
    private static readonly TimeSpan Claim = TimeSpan.FromMinutes(15);

    // The consumer wakes the runner before its transaction commits, so a short poll picks up what the wake missed.
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private const int MaxRunning = 8;

    private readonly SemaphoreSlim _wake = new(0);
    private readonly SemaphoreSlim _slots = new(MaxRunning);
    private readonly ConcurrentDictionary<Guid, Task> _running = new();

    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!eventLog.Value.Consume)
        {
            return;
        }

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    // Slack gives up on a request not acknowledged in 3 s; one acknowledged can be answered a little later.
                    await pressure.WhilePressedAsync(stoppingToken);
                    await StartClaimedAsync(stoppingToken);
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    // The database may be briefly away; what was not claimed is still waiting next round.
                    logger.RunnerRoundFailed(exception);
                }

                await _wake.WaitAsync(PollInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is still running is cancelled with the token, and its claim lapses.
        }

        await Task.WhenAll(_running.Values);
    }

    private async Task StartClaimedAsync(CancellationToken stoppingToken)
    {
        while (_slots.CurrentCount > 0)
        {
            var id = await ClaimNextAsync(stoppingToken);
            if (id is null)
            {
                return;
            }

            await _slots.WaitAsync(stoppingToken);
            var claimed = id.Value;
            var run = RunAsync(claimed, stoppingToken);
            _running[claimed] = run;
            _ = run.ContinueWith(_ => _running.TryRemove(claimed, out var _), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    private async Task<Guid?> ClaimNextAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SwitchboardDbContext>();
        var now = clock.GetUtcNow();
        var candidates = await db.Set<PendingSlackRequest>().AsNoTracking()
            .Where(p => p.ClaimedUntil == null || p.ClaimedUntil < now)
            .OrderBy(p => p.Id)
            .Select(p => p.Id)
            .Take(MaxRunning)
            .ToListAsync(cancellationToken);
        foreach (var id in candidates.Where(id => !_running.ContainsKey(id)))
        {
            // Another process may claim the same row at the same moment; only one update finds it unclaimed.
            var claimed = await db.Set<PendingSlackRequest>()
                .Where(p => p.Id == id && (p.ClaimedUntil == null || p.ClaimedUntil < now))
                .ExecuteUpdateAsync(p => p.SetProperty(x => x.ClaimedUntil, now + Claim), cancellationToken);
            if (claimed == 1)
            {
                return id;
            }
        }

        return null;
    }

    private async Task RunAsync(Guid id, CancellationToken stoppingToken)
    {
        // Off the claiming loop at once, so the next request is claimed while this one runs.
        await Task.Yield();
        string? dedupeKey = null;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SwitchboardDbContext>();
            var pending = await db.Set<PendingSlackRequest>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, stoppingToken);
            if (pending is null)
            {
                return;
            }

            dedupeKey = pending.DedupeKey;
            if (SlackRequest.From(pending.Type, pending.DedupeKey, pending.Body) is { } request)
            {
                if (await scope.ServiceProvider.GetRequiredService<AnswerSlackRequest>().AnswerAsync(request, stoppingToken) is { } reply)
                {
                    await scope.ServiceProvider.GetRequiredService<SlackReplies>().PostAsync(request, reply, stoppingToken);
                }
            }

            await db.Set<PendingSlackRequest>().Where(p => p.Id == id).ExecuteDeleteAsync(CancellationToken.None);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            logger.SlackRequestFailed(exception, dedupeKey ?? id.ToString());
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping mid-command: the claim lapses, and the request runs again after a restart.
        }
        finally
        {
            _slots.Release();
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        _slots.Dispose();
        base.Dispose();
    }
}
