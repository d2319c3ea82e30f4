using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Catalog;
using Switchboard.Core.Errors;
using Switchboard.Core.Events;
using Switchboard.Core.People;
using Switchboard.Data;
using Switchboard.EventLog.Browsing;
using Switchboard.Modules.Notify.Catalog;
using Switchboard.Modules.Notify.Routing;

namespace Switchboard.Modules.Notify.History;

/// <summary>
/// The Notify module's side of the core's event history: the log as the router has got through it. An event's
/// service is the one the router found when it routed it; for an event not routed (waiting, dead-lettered, or
/// with nothing to say), the service that owns its ordering key now, where that key is a catalog link.
/// </summary>
internal sealed class EventHistory(
    SwitchboardDbContext db, IEventLogReader log, ServiceCatalog catalog, IPersonDirectory people, TimeProvider clock) : IEventHistory
{
    private const string Consumer = NotificationRouter.ConsumerName;

    /// <summary>
    /// Sources whose ordering key is the very link the router matches the catalog on: GitHub's repository and
    /// PagerDuty's service id. (Sentry's is the project id where the catalog holds slugs; Rollbar and Librato have none.)
    /// </summary>
    private static readonly Dictionary<string, ServiceLinkKind> OrderingKeyLinks = new(StringComparer.Ordinal)
    {
        ["github"] = ServiceLinkKind.Repository,
        ["pagerduty"] = ServiceLinkKind.PagerDuty,
    };

    public async Task<(IReadOnlyList<EventSummary>? Events, Error? Error)> RecentAsync(EventFilter filter, CancellationToken cancellationToken)
    {
        if (filter.Limit is < 1 or > EventFilter.MaxLimit)
        {
            return (null, NotifyErrors.InvalidEventLimit(EventFilter.MaxLimit));
        }

        var since = clock.GetUtcNow() - filter.Since;
        IReadOnlyList<BrowsedEvent> events;
        if (filter.Service is { } name)
        {
            if (await catalog.FindAsync(name, cancellationToken) is not { } service)
            {
                return (null, NotifyErrors.UnknownService(name));
            }

            events = await OfServiceAsync(service, filter.Source, since, filter.Limit, cancellationToken);
        }
        else
        {
            events = await log.RecentAsync(Consumer, new EventLogQuery(since, filter.Limit, filter.Source), cancellationToken);
        }

        return (await SummariesAsync(events, cancellationToken), null);
    }

    public async Task<(EventDetails? Event, Error? Error)> FindAsync(long id, CancellationToken cancellationToken)
    {
        if (await log.FindAsync(Consumer, id, cancellationToken) is not ({ } browsed, { } logged))
        {
            return (null, NotifyErrors.UnknownEvent(id));
        }

        var summary = (await SummariesAsync([browsed], cancellationToken))[0];
        var records = await db.Set<EventPostRecord>().AsNoTracking()
            .Where(p => p.Source == browsed.Source && p.DedupeKey == browsed.DedupeKey)
            .OrderBy(p => p.PostedAt).ThenBy(p => p.Channel)
            .ToListAsync(cancellationToken);
        var posts = new List<EventPost>();
        foreach (var record in records)
        {
            var by = record.ReplayedBy is { } person ? (await people.FindAsync(person, cancellationToken))?.Handle ?? "someone since removed" : null;
            posts.Add(new EventPost(record.Channel, record.PostedAt, by));
        }

        return (new EventDetails(
            summary, logged.OrderingKey, logged.Headers, EventBodies.Readable(logged.Body), logged.Body.Length,
            Verification.Of(logged.Source), browsed.FailedAt, posts), null);
    }

    /// <summary>The events routed to the service, and those not routed elsewhere whose ordering key is one of its links.</summary>
    private async Task<List<BrowsedEvent>> OfServiceAsync(CatalogEntry service, string? source, DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        var routedKeys = await db.Set<RoutedEvent>().AsNoTracking()
            .Where(r => r.Service == service.Name && r.ReceivedAt >= since && (source == null || r.Source == source))
            .OrderByDescending(r => r.ReceivedAt)
            .Take(limit)
            .Select(r => new { r.Source, r.DedupeKey })
            .ToListAsync(cancellationToken);
        var events = (await log.WithKeysAsync(Consumer, [.. routedKeys.Select(k => new EventKey(k.Source, k.DedupeKey))], cancellationToken)).ToList();

        foreach (var (linkedSource, kind) in OrderingKeyLinks.Where(l => source is null || l.Key == source))
        {
            var links = service.LinksOf(kind).ToList();
            if (links.Count > 0)
            {
                events.AddRange(await log.RecentAsync(Consumer, new EventLogQuery(since, limit, linkedSource, links), cancellationToken));
            }
        }

        var routes = await RoutesAsync(events, cancellationToken);
        return [.. events
            .Where(e => routes.GetValueOrDefault(e.Key)?.Service is not { } routedTo || routedTo == service.Name)
            .DistinctBy(e => e.Key)
            .OrderByDescending(e => e.ReceivedAt).ThenByDescending(e => e.Position)
            .Take(limit)];
    }

    private async Task<List<EventSummary>> SummariesAsync(IReadOnlyList<BrowsedEvent> events, CancellationToken cancellationToken)
    {
        var routes = await RoutesAsync(events, cancellationToken);
        var owners = new Dictionary<(ServiceLinkKind, string), string?>();
        var summaries = new List<EventSummary>();
        foreach (var e in events)
        {
            var route = routes.GetValueOrDefault(e.Key);
            var service = route?.Service;
            if (service is null && e.OrderingKey is { } orderingKey && OrderingKeyLinks.TryGetValue(e.Source, out var kind))
            {
                if (!owners.TryGetValue((kind, orderingKey), out service))
                {
                    service = (await catalog.FindByLinkAsync(kind, orderingKey, cancellationToken))?.Name;
                    owners[(kind, orderingKey)] = service;
                }
            }

            summaries.Add(new EventSummary(
                e.Position, e.ReceivedAt, e.Source, e.Type, e.DedupeKey, route?.Scope ?? e.OrderingKey, service, e.Status, e.Error));
        }

        return summaries;
    }

    private async Task<Dictionary<EventKey, RoutedEvent>> RoutesAsync(IReadOnlyCollection<BrowsedEvent> events, CancellationToken cancellationToken)
    {
        var dedupeKeys = events.Select(e => e.DedupeKey).Distinct().ToList();
        var sources = events.Select(e => e.Source).Distinct().ToList();
        var routes = await db.Set<RoutedEvent>().AsNoTracking()
            .Where(r => sources.Contains(r.Source) && dedupeKeys.Contains(r.DedupeKey))
            .ToListAsync(cancellationToken);
        return routes.ToDictionary(r => new EventKey(r.Source, r.DedupeKey));
    }
}
