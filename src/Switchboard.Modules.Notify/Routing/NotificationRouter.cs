using System.Text;
using System.Text.Json;
using System.Web;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Catalog;
using Switchboard.Data;
using Switchboard.Delivery.Channels;
using Switchboard.EventLog;
using Switchboard.Modules.Notify.Catalog;
using Switchboard.Modules.Notify.Hooks;
using Switchboard.Modules.Notify.Notifications;
using Switchboard.Modules.Notify.Subscriptions;
using Switchboard.Modules.Notify.Timeline;

namespace Switchboard.Modules.Notify.Routing;

/// <summary>
/// Turns each logged event into its notification, records it on the timeline of the service that owns its
/// scope, and posts it once to each channel that wants it, through the outbox: the owning service's channel
/// and every channel subscribed to its scope (repository, organisation, service or team) and feature whose
/// filter it matches. The timeline and the outbox entries commit with the consumer's progress. A body that
/// cannot be read (and a custom source's body that is not a custom event) fails, and the consumer
/// dead-letters it.
/// </summary>
internal sealed class NotificationRouter(
    SwitchboardDbContext db, ChannelPosts channels, ServiceCatalog catalog, ServiceTimeline timeline, SourceFeatures features, WebhookSources sources) : IEventHandler
{
    public async Task HandleAsync(LoggedEvent logged, CancellationToken cancellationToken)
    {
        if (Render(logged) is not { } notification)
        {
            return;
        }

        var service = await OwnerOfAsync(notification, cancellationToken);
        if (service is not null && notification.Timeline is { } mark)
        {
            await timeline.RecordAsync(
                new TimelineEntry(service.Name, mark.Kind, logged.ReceivedAt, mark.Title, mark.Url, logged.Source, logged.DedupeKey, notification.Scope, mark.AlertKey, notification.Facts.Author),
                cancellationToken);
        }

        var scope = notification.Scope.ToLowerInvariant();
        var scopes = new List<string> { scope, scope.Split('/')[0] };
        if (service is not null)
        {
            scopes.Add(ServiceScopes.Service(service.Name));
            scopes.Add(ServiceScopes.Team(service.Team));
        }

        var subscriptions = await db.Set<Subscription>().AsNoTracking()
            .Where(s => s.Source == notification.Source && scopes.Contains(s.ScopeKey))
            .ToListAsync(cancellationToken);
        var destinations = subscriptions.Where(s => s.Wants(notification)).Select(s => s.Channel).ToList();
        if (service?.Channel is { } owning && GoesToOwningChannel(notification))
        {
            destinations.Add(owning);
        }

        // Thread keys are the source's own (a repository's pull request number, a PagerDuty incident id).
        var threadKey = notification.ThreadKey is { } key ? $"{notification.Source}:{key}" : null;
        foreach (var channel in destinations.Distinct())
        {
            // A channel deleted since it subscribed is no reason to fail the others.
            await channels.PostAsync(channel, notification.Message, threadKey, cancellationToken);
        }
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
        if (kind is not null)
        {
            return await catalog.FindByLinkAsync(kind.Value, notification.Scope, cancellationToken);
        }

        // A custom event's scope is the service it names, else the repository it is about (service names have no '/').
        return await catalog.FindAsync(notification.Scope, cancellationToken)
            ?? await catalog.FindByLinkAsync(ServiceLinkKind.Repository, notification.Scope, cancellationToken);
    }

    private Notification? Render(LoggedEvent logged)
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
