using System.Text.Json;
using Switchboard.Core.Catalog;
using Switchboard.Core.Replies;
using static Switchboard.Modules.Notify.Notifications.Markdown;

namespace Switchboard.Modules.Notify.Notifications;

/// <summary>
/// PagerDuty v3 webhook events (https://developer.pagerduty.com/docs/webhooks/v3-overview) as notifications
/// about incidents, threaded by incident. Changes to services and other resources read as null.
/// </summary>
internal static class PagerDutyNotifications
{
    private const string Source = "pagerduty";
    private const string Feature = "incidents";

    public static Notification? From(JsonElement payload)
    {
        var @event = payload.At("event");
        return @event.Text("event_type") switch
        {
            null => Unreadable(@event),
            "incident.annotated" => Note(@event),
            var type when type.StartsWith("incident.", StringComparison.Ordinal) => Incident(type, @event),
            _ => null,
        };
    }

    private static Notification? Incident(string type, JsonElement @event)
    {
        var incident = @event.At("data");
        if (incident.Text("id") is not { } id || incident.Text("title") is not { } title)
        {
            return Unreadable(@event);
        }

        var link = Link(incident.Text("number") is { } number ? $"#{number} {title}" : title, incident.Url("html_url"));
        var service = incident.Text("service", "summary") is { } name ? $" on {Bold(name)}" : "";
        var by = @event.Text("agent", "summary") is { } agent ? $" by {Bold(agent)}" : "";
        var assignees = List(incident.Items("assignees").Select(a => a.Text("summary")).OfType<string>());
        var priority = incident.Text("priority", "summary");
        (string Headline, Severity Severity)? outcome = type switch
        {
            "incident.triggered" => ($"Incident {link} triggered{service}", Severity.Error),
            "incident.acknowledged" => ($"Incident {link}{service} acknowledged{by}", Severity.Info),
            "incident.unacknowledged" => ($"Incident {link}{service} is no longer acknowledged", Severity.Warning),
            "incident.resolved" => ($"Incident {link}{service} resolved{by}", Severity.Success),
            "incident.reassigned" => ($"Incident {link}{service} reassigned to {Bold(assignees ?? "nobody")}{by}", Severity.Info),
            "incident.escalated" => ($"Incident {link}{service} escalated to {Bold(assignees ?? "nobody")}", Severity.Error),
            "incident.reopened" => ($"Incident {link}{service} reopened{by}", Severity.Error),
            "incident.priority_updated" => ($"Priority of incident {link}{service} set to {Bold(priority ?? "none")}{by}", Severity.Info),
            _ => null,
        };
        if (outcome is not (var headline, var severity))
        {
            return null;
        }

        var urgency = incident.Text("urgency");
        var message = Reply.Build(severity).Line(headline);
        // How urgent it is and who has it matter when it pages, not on every later update.
        if (severity == Severity.Error)
        {
            message
                .FieldsIfAny(("Urgency", urgency), ("Priority", priority), ("Assigned to", assignees))
                .LinkIfAny("Conference bridge", incident.Url("conference_bridge", "conference_url"));
        }

        // Urgency is on every incident; priority only where the account has priorities turned on.
        var facts = NotificationFacts.None with { Severity = urgency, State = incident.Text("status") };
        var plainTitle = incident.Text("number") is { } shown ? $"#{shown} {title}" : title;
        TimelineMark? mark = type switch
        {
            "incident.triggered" or "incident.reopened" => new(TimelineKind.AlertOpened, $"Incident {plainTitle} {(type == "incident.triggered" ? "triggered" : "reopened")}", incident.Url("html_url"), id),
            "incident.resolved" => new(TimelineKind.AlertClosed, $"Incident {plainTitle} resolved", incident.Url("html_url"), id),
            _ => null,
        };
        return new(Source, Feature, incident.Text("service", "id") ?? "", message.ToReply(), id, facts) { Timeline = mark };
    }

    private static Notification Note(JsonElement @event)
    {
        var note = @event.At("data");
        var incident = note.At("incident");
        if (incident.Text("id") is not { } id || note.Text("content") is not { } content)
        {
            return Unreadable(@event);
        }

        var author = @event.Text("agent", "summary") ?? "Someone";
        var message = Reply.Build()
            .Line($"{Bold(author)} added a note to incident {Link(incident.Text("summary") ?? id, incident.Url("html_url"))}")
            .LineIfAny(Excerpt(content))
            .ToReply();
        // A note names its incident but not the incident's service; the thread key still joins it to the incident.
        return new(Source, Feature, "", message, id, NotificationFacts.None);
    }

    private static Notification Unreadable(JsonElement @event)
    {
        var type = @event.Text("event_type") is { } name ? $" {Code(name)}" : "";
        var message = Reply.Text($"PagerDuty{type} event");
        return new(Source, Feature, @event.Text("data", "service", "id") ?? "", message, null, NotificationFacts.None);
    }
}
