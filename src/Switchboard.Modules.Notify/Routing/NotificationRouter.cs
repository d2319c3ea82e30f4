using System.Text;
using System.Text.Json;
using System.Web;
using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Delivery.Channels;
using Switchboard.EventLog;
using Switchboard.Modules.Notify.Notifications;
using Switchboard.Modules.Notify.Subscriptions;

namespace Switchboard.Modules.Notify.Routing;

/// <summary>
/// Turns each logged event into its notification and posts it to every channel subscribed to its scope
/// and feature, once per channel. A body that cannot be read fails, and the consumer dead-letters it.
/// </summary>
internal sealed class NotificationRouter(SwitchboardDbContext db, ChannelPosts channels) : IEventHandler
{
    public async Task HandleAsync(LoggedEvent logged, CancellationToken cancellationToken)
    {
        if (Render(logged) is not { } notification)
        {
            return;
        }

        var scope = notification.Scope.ToLowerInvariant();
        var organisation = scope.Split('/')[0];
        var subscriptions = await db.Set<Subscription>().AsNoTracking()
            .Where(s => s.Source == notification.Source && (s.ScopeKey == scope || s.ScopeKey == organisation))
            .ToListAsync(cancellationToken);
        foreach (var channel in subscriptions.Where(s => s.Includes(notification.Feature)).Select(s => s.Channel).Distinct())
        {
            // A channel deleted since it subscribed is no reason to fail the others.
            await channels.PostAsync(channel, notification.Message, cancellationToken);
        }
    }

    private static Notification? Render(LoggedEvent logged)
    {
        if (!SourceFeatures.Known.ContainsKey(logged.Source))
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
            _ => null,
        };
    }

    /// <summary>Librato posts a form whose one field, <c>payload</c>, holds the JSON.</summary>
    private static byte[] LibratoPayload(byte[] body) =>
        Encoding.UTF8.GetBytes(HttpUtility.ParseQueryString(Encoding.UTF8.GetString(body))["payload"]
            ?? throw new JsonException("The Librato form has no payload field."));
}
