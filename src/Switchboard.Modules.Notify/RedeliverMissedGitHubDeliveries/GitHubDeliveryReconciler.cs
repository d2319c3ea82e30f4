using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Core.Audit;
using Switchboard.Core.Commands;
using Switchboard.Core.Errors;
using Switchboard.EventLog;

namespace Switchboard.Modules.Notify.RedeliverMissedGitHubDeliveries;

/// <summary>
/// Asks GitHub again for what it failed to deliver while Switchboard was down. GitHub keeps a hook's
/// deliveries for about three days and never redelivers by itself
/// (https://docs.github.com/en/webhooks/using-webhooks/handling-failed-webhook-deliveries). At start and then
/// every interval, for each watched hook, it reads the deliveries made since its last round, and for each
/// event none of whose attempts GitHub recorded as OK and whose GUID is not in the event log, asks for a
/// redelivery, audited as the service credential's. It runs only in processes that consume the log.
/// </summary>
internal sealed class GitHubDeliveryReconciler(
    IServiceScopeFactory scopes,
    IEventLogKeys eventLog,
    IAuditLog audit,
    IOptions<GitHubReconcilerOptions> options,
    IOptions<EventLogOptions> eventLogOptions,
    TimeProvider clock,
    ILogger<GitHubDeliveryReconciler> logger) : BackgroundService
{
    /// <summary>How far back GitHub keeps deliveries: https://docs.github.com/en/webhooks/testing-and-troubleshooting-webhooks/redelivering-webhooks</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(3);

    /// <summary>A redelivery that keeps failing (Switchboard refuses it, say) is asked for this often, then left to an operator.</summary>
    public const int MaxAsksPerDelivery = 3;

    /// <summary>Each round rereads this much before the previous one, for attempts GitHub recorded late or a clock a little off.</summary>
    private static readonly TimeSpan Overlap = TimeSpan.FromMinutes(5);

    /// <summary>How long a redelivery GitHub accepted may stay unattempted before it is asked for again.</summary>
    private static readonly TimeSpan RedeliveryPatience = TimeSpan.FromMinutes(30);

    private readonly Dictionary<WatchedHook, DateTimeOffset> _reconciledUntil = [];
    private readonly Dictionary<string, AskedRedelivery> _asked = new(StringComparer.Ordinal);
    private DateTimeOffset _rateLimitedUntil = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var hooks = options.Value.Reconciler.Hooks.Select(WatchedHook.Parse).OfType<WatchedHook>().ToList();
        if (!eventLogOptions.Value.Consume || hooks.Count == 0)
        {
            return;
        }

        await Task.Yield();
        using var timer = new PeriodicTimer(options.Value.Reconciler.Interval, clock);
        do
        {
            try
            {
                await ReconcileAsync(hooks, stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The database or GitHub may be away for a while; the next round starts over from the last good point.
                logger.ReconcilerRoundFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>
    /// The events a hook never delivered: for each GUID none of whose attempts is OK, its newest attempt
    /// (any attempt can be redelivered), oldest event first.
    /// </summary>
    internal static IReadOnlyList<HookDeliveryItem> Undelivered(IEnumerable<HookDeliveryItem> attempts) =>
        attempts.GroupBy(a => a.Guid, StringComparer.Ordinal)
            .Where(attemptsOfOneEvent => !attemptsOfOneEvent.Any(a => a.IsOk))
            .OrderBy(attemptsOfOneEvent => attemptsOfOneEvent.Min(a => a.Id))
            .Select(attemptsOfOneEvent => attemptsOfOneEvent.MaxBy(a => a.Id)!)
            .ToList();

    private async Task ReconcileAsync(List<WatchedHook> hooks, CancellationToken cancellationToken)
    {
        var startedAt = clock.GetUtcNow();
        if (startedAt < _rateLimitedUntil)
        {
            logger.ReconcilerRoundSkipped(_rateLimitedUntil);
            return;
        }

        foreach (var (guid, _) in _asked.Where(a => a.Value.At < startedAt - Retention).ToList())
        {
            _asked.Remove(guid);
        }

        await using var scope = scopes.CreateAsyncScope();
        var github = scope.ServiceProvider.GetRequiredService<GitHubHooksClient>();
        foreach (var hook in hooks)
        {
            var since = _reconciledUntil.TryGetValue(hook, out var last) && last - Overlap > startedAt - Retention ? last - Overlap : startedAt - Retention;
            var (complete, rateLimitedUntil) = await ReconcileHookAsync(github, hook, since, cancellationToken);
            if (complete)
            {
                _reconciledUntil[hook] = startedAt;
            }

            if (rateLimitedUntil is { } until)
            {
                _rateLimitedUntil = until;
                logger.ReconcilerRateLimited(until);
                break;
            }
        }

        logger.ReconcilerRoundFinished(hooks.Count);
    }

    /// <returns>Whether every missed delivery since <paramref name="since"/> was asked for, and when GitHub's rate limit allows asking again if it is spent.</returns>
    private async Task<(bool Complete, DateTimeOffset? RateLimitedUntil)> ReconcileHookAsync(
        GitHubHooksClient github, WatchedHook hook, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var attempts = new List<HookDeliveryItem>();
        Uri? page = null;
        do
        {
            var answer = await github.ListDeliveriesAsync(hook, page, cancellationToken);
            if (answer.Value is not { } listed)
            {
                Report(hook, answer.Error!, answer.RateLimitedUntil);
                return (false, answer.RateLimitedUntil);
            }

            attempts.AddRange(listed.Deliveries.Where(d => d.DeliveredAt >= since));
            if (answer.RateLimitedUntil is { } spent)
            {
                return (false, spent);
            }

            // Newest first: once a page reaches back past the point, the older pages hold nothing new.
            page = listed.Deliveries.Any(d => d.DeliveredAt < since) ? null : listed.Next;
        }
        while (page is not null);

        var undelivered = Undelivered(attempts);
        var inLog = await eventLog.FindAsync("github", undelivered.Select(d => d.Guid).ToList(), cancellationToken);
        var missed = undelivered.Where(d => !inLog.Contains(d.Guid)).ToList();
        var asked = 0;
        foreach (var delivery in missed.Where(ShouldAsk))
        {
            var answer = await github.RedeliverAsync(hook, delivery.Id, cancellationToken);
            await AuditAsync(hook, delivery, answer.Error, cancellationToken);
            if (answer.Error is { } error)
            {
                Report(hook, error, answer.RateLimitedUntil);
                return (false, answer.RateLimitedUntil);
            }

            asked++;
            _asked[delivery.Guid] = new AskedRedelivery((_asked.GetValueOrDefault(delivery.Guid)?.Count ?? 0) + 1, delivery.Id, clock.GetUtcNow());
            logger.RedeliveryRequested(delivery.Event, delivery.Guid, delivery.Id, hook.ToString(), delivery.StatusCode == 0 ? delivery.Status : $"{delivery.StatusCode} {delivery.Status}");
            if (answer.RateLimitedUntil is { } spent)
            {
                return (false, spent);
            }
        }

        logger.HookReconciled(hook.ToString(), attempts.Count, since, missed.Count, asked);
        // The point moves on only past events that are settled: a redelivery GitHub has yet to attempt is looked at again.
        return (!missed.Any(AwaitsGitHub), null);
    }

    /// <summary>Unless GitHub has yet to attempt the redelivery it accepted, or it was asked for <see cref="MaxAsksPerDelivery"/> times.</summary>
    private bool ShouldAsk(HookDeliveryItem newestAttempt) =>
        !AwaitsGitHub(newestAttempt) && (_asked.GetValueOrDefault(newestAttempt.Guid)?.Count ?? 0) < MaxAsksPerDelivery;

    /// <summary>Whether GitHub's newest attempt is still the one it was asked to redeliver, recently enough to wait for.</summary>
    private bool AwaitsGitHub(HookDeliveryItem newestAttempt) =>
        _asked.TryGetValue(newestAttempt.Guid, out var asked)
        && newestAttempt.Id == asked.AttemptId
        && asked.At >= clock.GetUtcNow() - RedeliveryPatience;

    private Task AuditAsync(WatchedHook hook, HookDeliveryItem delivery, Error? error, CancellationToken cancellationToken) =>
        audit.AppendAsync(
            new AuditRecord(
                clock.GetUtcNow(),
                PersonId: null,
                FrontEnd.System.ToString().ToLowerInvariant(),
                "github.redeliver",
                error is null ? AuditOutcomes.Succeeded : AuditOutcomes.Failed,
                error?.Code,
                $"GitHub reconciler (service credential GitHub:Reconciler:Token) asked GitHub to redeliver {delivery.Event} delivery {delivery.Guid} (attempt {delivery.Id}) to hook {hook}"),
            cancellationToken);

    /// <summary>A spent rate limit is reported once for the round; a refusal needs a person to fix the token or the hook list.</summary>
    private void Report(WatchedHook hook, Error error, DateTimeOffset? rateLimitedUntil)
    {
        if (rateLimitedUntil is not null)
        {
            return;
        }

        if (error.Kind == ErrorKind.Unavailable)
        {
            logger.ReconcilerFailed(hook.ToString(), error.Code, error.Detail);
        }
        else
        {
            logger.ReconcilerRefused(hook.ToString(), error.Code, error.Detail);
        }
    }

    /// <param name="AttemptId">The attempt GitHub was asked to redeliver.</param>
    private sealed record AskedRedelivery(int Count, long AttemptId, DateTimeOffset At);
}
