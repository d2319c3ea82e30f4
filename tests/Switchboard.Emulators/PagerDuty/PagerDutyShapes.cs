using System.Globalization;

namespace Switchboard.Emulators.PagerDuty;

/// <summary>
/// The REST API v2's resource shapes (https://developer.pagerduty.com/api-reference/) and the v3 webhook's
/// (https://developer.pagerduty.com/docs/webhooks/v3-overview, as in the shared fixtures): references carry
/// <c>id</c>, <c>type</c>, <c>summary</c>, <c>self</c> and <c>html_url</c>.
/// </summary>
internal static class PagerDutyShapes
{
    private const string Api = "https://api.pagerduty.com";
    private const string Web = "https://emulated.pagerduty.com";

    public static object Reference(PagerDutyUser user) => Reference(user.Id, "user_reference", "users", user.Name);

    public static object Reference(PagerDutyService service) => Reference(service.Id, "service_reference", "services", service.Name);

    public static object Reference(PagerDutyEscalationPolicy policy) => Reference(policy.Id, "escalation_policy_reference", "escalation_policies", policy.Name);

    public static object Reference(PagerDutySchedule schedule) => Reference(schedule.Id, "schedule_reference", "schedules", schedule.Name);

    public static object Schedule(PagerDutySchedule schedule) => new
    {
        id = schedule.Id,
        type = "schedule",
        summary = schedule.Name,
        name = schedule.Name,
        time_zone = "Etc/UTC",
        self = $"{Api}/schedules/{schedule.Id}",
        html_url = $"{Web}/schedules/{schedule.Id}",
        schedule_layers = schedule.Layers.Select((layer, index) => new
        {
            id = $"{schedule.Id}L{index + 1}",
            name = layer.Name,
            start = Time(layer.Start),
            end = layer.End is { } end ? Time(end) : null,
            rotation_virtual_start = Time(layer.RotationVirtualStart),
            rotation_turn_length_seconds = (long)layer.TurnLength.TotalSeconds,
            users = layer.Users.Select(user => new { user = Reference(user) }),
            restrictions = Array.Empty<object>(),
        }),
    };

    public static object Override(PagerDutyOverride added) => new
    {
        id = added.Id,
        start = Time(added.Start),
        end = Time(added.End),
        user = Reference(added.User),
    };

    public static object OnCall(PagerDutyOnCall onCall) => new
    {
        escalation_policy = Reference(onCall.EscalationPolicy),
        escalation_level = onCall.EscalationLevel,
        schedule = onCall.Schedule is { } schedule ? Reference(schedule) : null,
        user = Reference(onCall.User),
        start = onCall.Start is { } start ? Time(start) : null,
        end = onCall.End is { } end ? Time(end) : null,
    };

    public static object User(PagerDutyUser user) => new
    {
        id = user.Id,
        type = "user",
        summary = user.Name,
        name = user.Name,
        email = user.Email,
        self = $"{Api}/users/{user.Id}",
        html_url = $"{Web}/users/{user.Id}",
        role = "user",
        time_zone = "Etc/UTC",
    };

    public static object Service(PagerDutyService service) => new
    {
        id = service.Id,
        type = "service",
        summary = service.Name,
        name = service.Name,
        status = "active",
        self = $"{Api}/services/{service.Id}",
        html_url = $"{Web}/services/{service.Id}",
        escalation_policy = Reference(service.EscalationPolicy),
    };

    public static object EscalationPolicy(PagerDutyEscalationPolicy policy) => new
    {
        id = policy.Id,
        type = "escalation_policy",
        summary = policy.Name,
        name = policy.Name,
        self = $"{Api}/escalation_policies/{policy.Id}",
        html_url = $"{Web}/escalation_policies/{policy.Id}",
        escalation_rules = policy.Levels.Select((users, index) => new
        {
            id = $"{policy.Id}R{index + 1}",
            escalation_delay_in_minutes = 30,
            targets = index < policy.Schedules.Count ? [Reference(policy.Schedules[index])] : users.Select(Reference),
        }),
    };

    public static object Incident(PagerDutyIncident incident) => new
    {
        id = incident.Id,
        type = "incident",
        summary = $"[#{incident.Number}] {incident.Title}",
        self = $"{Api}/incidents/{incident.Id}",
        html_url = $"{Web}/incidents/{incident.Id}",
        incident_number = incident.Number,
        title = incident.Title,
        created_at = Time(incident.CreatedAt),
        status = incident.Status,
        urgency = incident.Urgency,
        incident_key = incident.DedupKey,
        service = Reference(incident.Service),
        escalation_policy = Reference(incident.Service.EscalationPolicy),
        assignments = incident.Assignees.Select(a => new { at = Time(incident.CreatedAt), assignee = Reference(a) }),
        last_status_change_at = Time(incident.Log.LastOrDefault()?.CreatedAt ?? incident.CreatedAt),
        body = new { type = "incident_body", details = incident.Details },
    };

    public static object Note(PagerDutyNote note) => new
    {
        id = note.Id,
        user = Reference(note.User),
        content = note.Content,
        created_at = Time(note.CreatedAt),
    };

    public static object LogEntry(PagerDutyIncident incident, PagerDutyLogEntry entry) => new
    {
        id = entry.Id,
        type = entry.Type,
        summary = entry.Summary,
        created_at = Time(entry.CreatedAt),
        agent = entry.Agent is { } agent ? Reference(agent) : Reference(incident.Service),
        channel = new { type = entry.Channel },
        incident = new { id = incident.Id, type = "incident_reference", summary = $"[#{incident.Number}] {incident.Title}" },
    };

    /// <summary>A v3 webhook event about an incident, as the fixtures under <c>pagerduty/</c> show it.</summary>
    public static object WebhookEvent(string id, string eventType, DateTimeOffset occurredAt, PagerDutyIncident incident, PagerDutyUser? agent, PagerDutyNote? note) => new
    {
        @event = new
        {
            id,
            event_type = eventType,
            resource_type = "incident",
            occurred_at = Time(occurredAt),
            agent = agent is null ? null : Reference(agent),
            client = (object?)null,
            data = note is null
                ? (object)new
                {
                    id = incident.Id,
                    type = "incident",
                    self = $"{Api}/incidents/{incident.Id}",
                    html_url = $"{Web}/incidents/{incident.Id}",
                    number = incident.Number,
                    status = incident.Status,
                    title = incident.Title,
                    service = Reference(incident.Service),
                    assignees = incident.Assignees.Select(Reference),
                    escalation_policy = Reference(incident.Service.EscalationPolicy),
                    teams = Array.Empty<object>(),
                    priority = (object?)null,
                    urgency = incident.Urgency,
                    conference_bridge = (object?)null,
                    resolve_reason = (object?)null,
                }
                : new
                {
                    incident = new
                    {
                        id = incident.Id,
                        type = "incident_reference",
                        self = $"{Api}/incidents/{incident.Id}",
                        html_url = $"{Web}/incidents/{incident.Id}",
                        summary = incident.Title,
                    },
                    id = note.Id,
                    content = note.Content,
                    trimmed = false,
                    type = "incident_note",
                },
        },
    };

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static object Reference(string id, string type, string collection, string summary) => new
    {
        id,
        type,
        summary,
        self = $"{Api}/{collection}/{id}",
        html_url = $"{Web}/{collection}/{id}",
    };
}
