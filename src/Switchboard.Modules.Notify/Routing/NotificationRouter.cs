using System.Text;
using System.Text.Json;
using System.Web;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Catalog;
using Switchboard.Core.People;
using Switchboard.Data;
using Switchboard.Data.Database;
using Switchboard.Delivery.Channels;
using Switchboard.EventLog;
using Switchboard.Modules.Notify.Catalog;
using Switchboard.Modules.Notify.History;
using Switchboard.Modules.Notify.Hooks;
using Switchboard.Modules.Notify.Notifications;
using Switchboard.Modules.Notify.Subscriptions;
using Switchboard.Modules.Notify.Timeline;

namespace Switchboard.Modules.Notify.Routing;

/// <summary>
/// Turns each logged event into its notification, records it on the timeline of the service that owns its
/// scope, and posts it once to each channel that wants it, through the outbox: the owning service's channel
/// and every channel subscribed to its scope (repository, organisation, service or team) and feature whose
/// filter it matches. It records what it routed and where it posted, and never posts one event to a channel
/// twice, so a replay reaches only the channels that have not had it. The timeline, the outbox entries and
/// those records commit with the consumer's progress. A body that cannot be read (and a custom source's body
/// that is not a custom event) fails, and the consumer dead-letters it. One router handles one page of events
/// in one transaction, so it looks each owner and each set of subscriptions up once per page.
/// </summary>
internal sealed class NotificationRouter(
    SwitchboardDbContext db,
    ChannelPosts channels,
    ServiceCatalog catalog,
    ServiceTimeline timeline,
    SourceFeatures features,
    WebhookSources sources,
    IEnumerable<OwningChannelMessages> postedByOthers,
    TimeProvider clock) : IPageEventHandler
{
    public const string ConsumerName = "notify";

    private static readonly CompiledPerModel<Func<SwitchboardDbContext, string, string, CancellationToken, Task<RoutedEvent?>>> RoutedBefore = new(() =>
        EF.CompileAsyncQuery((SwitchboardDbContext db, string source, string dedupeKey, CancellationToken _) =>
            db.Set<RoutedEvent>().SingleOrDefault(r => r.Source == source && r.DedupeKey == dedupeKey)));

    private readonly Dictionary<(string Source, string Scope), CatalogEntry?> _owners = [];
    private readonly Dictionary<(string Source, string Scopes), List<Subscription>> _subscriptions = [];

    /// <summary>The events of the page being handled that no earlier routing recorded: no need to look each up.</summary>
    private readonly HashSet<(string Source, string DedupeKey)> _neverRouted = [];

    public async Task BeforePageAsync(IReadOnlyList<LoggedEvent> page, CancellationToken cancellationToken)
    {
        string[] dedupeKeys = [.. page.Select(e => e.DedupeKey).Distinct()];
        // With its sources the query uses the key's index; by dedupe keys alone it read the whole table for every page.
        string[] sources = [.. page.Select(e => e.Source).Distinct()];
        var routed = (await db.Set<RoutedEvent>().AsNoTracking()
                .Where(r => sources.Contains(r.Source) && dedupeKeys.Contains(r.DedupeKey))
                .Select(r => new { r.Source, r.DedupeKey })
                .ToListAsync(cancellationToken))
            .Select(r => (r.Source, r.DedupeKey))
            .ToHashSet();
        _neverRouted.Clear();
        _neverRouted.UnionWith(page.Select(e => (e.Source, e.DedupeKey)).Where(key => !routed.Contains(key)));
    }

    public async Task HandleAsync(LoggedEvent logged, CancellationToken cancellationToken)
    {
        if (Render(logged) is { } notification)
        {
            await RouteAsync(logged, notification, replay: null, cancellationToken);
        }
    }

    /// <summary>Posts the notification to the channels that want it and have not had it from this event, and saves what it did.</summary>
    /// <param name="replay">Who replays the event, and the one channel it goes to, if they named one; null as the event arrives.</param>
    public async Task<RoutingOutcome> RouteAsync(LoggedEvent logged, Notification notification, Replay? replay, CancellationToken cancellationToken)
    {
        var service = await OwnerOfAsync(notification, cancellationToken);
        if (service is not null && notification.Timeline is { } mark)
        {
            await timeline.RecordAsync(
                new TimelineEntry(service.Name, mark.Kind, logged.ReceivedAt, mark.Title, mark.Url, logged.Source, logged.DedupeKey, notification.Scope, mark.AlertKey, notification.Facts.Author),
                cancellationToken);
        }

        var destinations = replay?.OnlyChannel is { } only ? [only] : await DestinationsAsync(notification, service, cancellationToken);
        var wanted = destinations.Select(c => c.TrimStart('#').ToLowerInvariant()).Distinct().ToList();
        var now = clock.GetUtcNow();

        // Where an event was posted commits with its routing record, so an event never routed was posted nowhere.
        var postedBefore = await RecordAsync(logged, notification, service, now, cancellationToken)
            ? []
            : await db.Set<EventPostRecord>()
                .Where(p => p.Source == logged.Source && p.DedupeKey == logged.DedupeKey)
                .Select(p => p.Channel)
                .ToListAsync(cancellationToken);

        // Thread keys are the source's own (a repository's pull request number, a PagerDuty incident id).
        var threadKey = notification.ThreadKey is { } key ? $"{notification.Source}:{key}" : null;
        var posted = new List<string>();
        foreach (var channel in wanted.Except(postedBefore))
        {
            // Added first, the record is saved with the post; a channel deleted since it subscribed is no reason to fail the others.
            var record = db.Add(new EventPostRecord { Source = logged.Source, DedupeKey = logged.DedupeKey, Channel = channel, PostedAt = now, ReplayedBy = replay?.By });
            if (await channels.PostAsync(channel, notification.Message, threadKey, cancellationToken) is null)
            {
                posted.Add(channel);
            }
            else
            {
                record.State = EntityState.Detached;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return new RoutingOutcome(posted, [.. wanted.Intersect(postedBefore)]);
    }

    private async Task<List<string>> DestinationsAsync(Notification notification, CatalogEntry? service, CancellationToken cancellationToken)
    {
        var scope = notification.Scope.ToLowerInvariant();
        var scopes = new List<string> { scope, scope.Split('/')[0] };
        if (service is not null)
        {
            scopes.Add(ServiceScopes.Service(service.Name));
            scopes.Add(ServiceScopes.Team(service.Team));
        }

        var subscriptions = await SubscriptionsAsync(notification.Source, scopes, cancellationToken);
        var destinations = subscriptions.Where(s => s.Wants(notification)).Select(s => s.Channel).ToList();
        if (service?.Channel is { } owning && postedByOthers.Any(o => o.Source == notification.Source && o.Feature == notification.Feature))
        {
            // Another module keeps its own message there (paging's live incident message); a second one would repeat it.
            destinations.RemoveAll(c => string.Equals(c.TrimStart('#'), owning.TrimStart('#'), StringComparison.OrdinalIgnoreCase));
        }
        else if (service?.Channel is { } channel && GoesToOwningChannel(notification))
        {
            destinations.Add(channel);
        }

        return destinations;
    }

    private async Task<List<Subscription>> SubscriptionsAsync(string source, List<string> scopes, CancellationToken cancellationToken)
    {
        var key = (source, string.Join('\n', scopes));
        if (!_subscriptions.TryGetValue(key, out var subscriptions))
        {
            subscriptions = await db.Set<Subscription>().AsNoTracking()
                .Where(s => s.Source == source && scopes.Contains(s.ScopeKey))
                .ToListAsync(cancellationToken);
            _subscriptions[key] = subscriptions;
        }

        return subscriptions;
    }

    /// <summary>Records that the event was routed (saved with the posts' records).</summary>
    /// <returns>Whether it is routed for the first time.</returns>
    private async Task<bool> RecordAsync(
        LoggedEvent logged, Notification notification, CatalogEntry? service, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var scope = notification.Scope.Length <= RoutedEventConfiguration.MaxScopeLength ? notification.Scope : notification.Scope[..RoutedEventConfiguration.MaxScopeLength];
        // Taken out once used: a second routing of the event in this scope finds the first one's record.
        if (!_neverRouted.Remove((logged.Source, logged.DedupeKey))
            && await RoutedBefore.For(db)(db, logged.Source, logged.DedupeKey, cancellationToken) is { } routed)
        {
            routed.Scope = scope;
            routed.Service = service?.Name;
            routed.RoutedAt = now;
            return false;
        }

        db.Add(new RoutedEvent { Source = logged.Source, DedupeKey = logged.DedupeKey, ReceivedAt = logged.ReceivedAt, Scope = scope, Service = service?.Name, RoutedAt = now });
        return true;
    }

    /// <summary>
    /// A service's own channel hears, with no subscription, everything its alerting sources send and
    /// what GitHub adds to its history (merges, deploys): the news a team on call needs, not every push.
    /// </summary>
    private static bool GoesToOwningChannel(Notification notification) =>
        notification.Source != "github" || notification.Timeline is not null;

    private async Task<CatalogEntry?> OwnerOfAsync(Notification notification, CancellationToken cancellationToken)
    {
        if (notification.Scope.Length == 0)
        {
            return null;
        }

        ServiceLinkKind? kind = notification.Source switch
        {
            "github" => ServiceLinkKind.Repository,
            "pagerduty" => ServiceLinkKind.PagerDuty,
            "sentry" => ServiceLinkKind.Sentry,
            "rollbar" => ServiceLinkKind.Rollbar,
            "librato" => ServiceLinkKind.Librato,
            _ => null,
        };
        var key = (notification.Source, notification.Scope);
        if (!_owners.TryGetValue(key, out var owner))
        {
            // A custom event's scope is the service it names, else the repository it is about (service names have no '/').
            owner = kind is not null
                ? await catalog.FindByLinkAsync(kind.Value, notification.Scope, cancellationToken)
                : await catalog.FindAsync(notification.Scope, cancellationToken)
                    ?? await catalog.FindByLinkAsync(ServiceLinkKind.Repository, notification.Scope, cancellationToken);
            _owners[key] = owner;
        }

        return owner;
    }

    /// <summary>What a logged event means to people; null when it means nothing worth posting. Throws when the body cannot be read.</summary>
    public Notification? Render(LoggedEvent logged)
    {
        if (features.Of(logged.Source) is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(logged.Source == "librato" ? LibratoPayload(logged.Body) : logged.Body);
        var payload = document.RootElement;
        return logged.Source switch
        {
            "github" => GitHubNotifications.From(logged.Type, payload),
            "pagerduty" => PagerDutyNotifications.From(payload),
            "sentry" => SentryNotifications.From(logged.Type, payload),
            "rollbar" => RollbarNotifications.From(payload),
            "librato" => LibratoNotifications.From(payload),
            _ => CustomNotifications.From(logged.Source, payload, sources.DefaultService(logged.Source)),
        };
    }

    /// <summary>Librato posts a form whose one field, <c>payload</c>, holds the JSON.</summary>
    private static byte[] LibratoPayload(byte[] body) =>
        Encoding.UTF8.GetBytes(HttpUtility.ParseQueryString(Encoding.UTF8.GetString(body))["payload"]
            ?? throw new JsonException("The Librato form has no payload field."));
}

/// <param name="By">Who replays the event.</param>
/// <param name="OnlyChannel">The one channel to post it to, whatever subscribes where; null for every channel that wants it.</param>
internal sealed record Replay(PersonId By, string? OnlyChannel);

/// <param name="Posted">The channels it was posted to now.</param>
/// <param name="HadIt">The channels that wanted it but had it already.</param>
internal sealed record RoutingOutcome(IReadOnlyList<string> Posted, IReadOnlyList<string> HadIt);
