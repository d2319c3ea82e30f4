using System.Text.Json;
using Switchboard.Modules.Paging.PagerDuty;

namespace Switchboard.Modules.Paging.PostIncidentMessages;

/// <summary>
/// A v3 webhook event that changed an incident (https://developer.pagerduty.com/docs/webhooks/v3-overview), with the
/// incident as the event carries it and the user who acted (the <c>agent</c>).
/// </summary>
internal sealed record IncidentEvent(string Type, DateTimeOffset OccurredAt, PagerDutyReference? Agent, PagerDutyIncident Incident)
{
    /// <summary>
    /// Null for events about other resources (services), for notes (<c>incident.annotated</c> carries the note, not the
    /// incident) and for bodies that lack what an incident event has.
    /// </summary>
    public static IncidentEvent? Read(byte[] body)
    {
        // A body that is not JSON is Notify's to dead-letter; paging has nothing to post for it.
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }

        using var owned = document;
        var @event = document.RootElement.TryGetProperty("event", out var e) ? e : default;
        if (Text(@event, "event_type") is not { } type || !type.StartsWith("incident.", StringComparison.Ordinal) || type == "incident.annotated"
            || !@event.TryGetProperty("data", out var data))
        {
            return null;
        }

        var occurredAt = Text(@event, "occurred_at") is { } at && DateTimeOffset.TryParse(at, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : (DateTimeOffset?)null;
        if (Text(data, "id") is not { } id || Text(data, "title") is not { } title || Text(data, "status") is not { } status
            || Reference(data, "service") is not { } service || occurredAt is not { } occurred)
        {
            return null;
        }

        var number = data.TryGetProperty("number", out var n) && n.TryGetInt32(out var value) ? value : 0;
        var assignees = data.TryGetProperty("assignees", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(a => Reference(a, null)).OfType<PagerDutyReference>().Select(a => new PagerDutyAssignment(a)).ToList()
            : [];
        var url = Text(data, "html_url") is { } link && Uri.TryCreate(link, UriKind.Absolute, out var html) ? html : null;
        var incident = new PagerDutyIncident(id, number, title, status, Text(data, "urgency"), type == "incident.triggered" ? occurred : null, url, service, assignees);
        return new IncidentEvent(type, occurred, Reference(@event, "agent"), incident);
    }

    private static PagerDutyReference? Reference(JsonElement parent, string? name)
    {
        var element = name is null ? parent : parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var child) ? child : default;
        return Text(element, "id") is { } id
            ? new PagerDutyReference(id, Text(element, "type"), Text(element, "summary"), Text(element, "html_url") is { } u && Uri.TryCreate(u, UriKind.Absolute, out var url) ? url : null)
            : null;
    }

    private static string? Text(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }
}
