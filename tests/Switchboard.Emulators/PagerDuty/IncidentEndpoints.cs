using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Switchboard.Emulators.PagerDuty;

/// <summary>
/// The REST API v2's incidents (https://developer.pagerduty.com/api-reference/9d0b4b12e36f9-list-incidents):
/// <c>GET /incidents</c> (<c>statuses[]</c>, <c>service_ids[]</c>, <c>user_ids[]</c>), <c>GET /incidents/{id}</c>,
/// <c>POST /incidents</c>, <c>PUT /incidents/{id}</c> (<c>status</c>, <c>escalation_level</c>, <c>assignments</c>, <c>escalation_policy</c>),
/// <c>POST|GET /incidents/{id}/notes</c> and <c>GET /incidents/{id}/log_entries</c>; and the Events API v2's
/// <c>POST /v2/enqueue</c>. Every change is attributed to the token's user or, with the account key, the user the
/// <c>From</c> header names, and is sent as a v3 webhook.
/// </summary>
internal static class IncidentEndpoints
{
    private static readonly string[] BadRoutingKey = ["'routing_key' is invalid"];
    private static readonly string[] MissingSummary = ["'payload.summary' is missing"];
    private static readonly string[] BadAction = ["'event_action' is invalid"];

    public static void MapIncidents(this IEndpointRouteBuilder app, PagerDutyState state, WebhookSender webhooks)
    {
        app.MapGet("/incidents", (HttpRequest request) => Api(request, state, write: false, requester => List(request, state)));
        app.MapGet("/incidents/{id}", (HttpRequest request, string id) => Api(request, state, write: false, requester =>
            Found(state, id, incident => Results.Json(new { incident = PagerDutyShapes.Incident(incident) }))));
        app.MapPost("/incidents", async (HttpRequest request) => await ApiAsync(request, state, write: true, requester => CreateAsync(request, state, webhooks, requester)));
        app.MapPut("/incidents/{id}", async (HttpRequest request, string id) => await ApiAsync(request, state, write: true, requester =>
            FoundAsync(state, id, incident => UpdateAsync(request, state, webhooks, requester, incident))));
        app.MapPost("/incidents/{id}/notes", async (HttpRequest request, string id) => await ApiAsync(request, state, write: true, requester =>
            FoundAsync(state, id, incident => AddNoteAsync(request, state, webhooks, requester, incident))));
        app.MapGet("/incidents/{id}/notes", (HttpRequest request, string id) => Api(request, state, write: false, requester =>
            Found(state, id, incident => Results.Json(new { notes = incident.Notes.ToList().Select(PagerDutyShapes.Note) }))));
        app.MapGet("/incidents/{id}/log_entries", (HttpRequest request, string id) => Api(request, state, write: false, requester =>
            Found(state, id, incident => Results.Json(new
            {
                log_entries = incident.Log.ToList().Select(e => PagerDutyShapes.LogEntry(incident, e)),
                limit = 100,
                offset = 0,
                more = false,
                total = (int?)null,
            }))));
        app.MapPost("/v2/enqueue", async (HttpRequest request) => await EnqueueAsync(request, state, webhooks));
    }

    private static IResult Api(HttpRequest request, PagerDutyState state, bool write, Func<Requester, IResult> handle)
    {
        var requester = Requester.Authenticate(request, state, write);
        return requester.Refusal ?? handle(requester);
    }

    private static async Task<IResult> ApiAsync(HttpRequest request, PagerDutyState state, bool write, Func<Requester, Task<IResult>> handle)
    {
        var requester = Requester.Authenticate(request, state, write);
        return requester.Refusal ?? await handle(requester);
    }

    private static IResult Found(PagerDutyState state, string id, Func<PagerDutyIncident, IResult> handle) =>
        state.FindIncident(id) is { } incident ? handle(incident) : Requester.NotFound();

    private static async Task<IResult> FoundAsync(PagerDutyState state, string id, Func<PagerDutyIncident, Task<IResult>> handle) =>
        state.FindIncident(id) is { } incident ? await handle(incident) : Requester.NotFound();

    private static IResult List(HttpRequest request, PagerDutyState state)
    {
        var statuses = request.Query["statuses[]"].OfType<string>().ToList();
        var services = request.Query["service_ids[]"].OfType<string>().ToList();
        var users = request.Query["user_ids[]"].OfType<string>().ToList();
        if (statuses.Except(["triggered", "acknowledged", "resolved"]).Any())
        {
            return Requester.Invalid("Status must be a list of triggered, acknowledged, or resolved.");
        }

        var incidents = state.Incidents
            .Where(i => statuses.Count == 0 || statuses.Contains(i.Status))
            .Where(i => services.Count == 0 || services.Contains(i.Service.Id))
            .Where(i => users.Count == 0 || i.Assignees.Any(a => users.Contains(a.Id)))
            .Select(PagerDutyShapes.Incident)
            .ToList();
        return Results.Json(new { incidents, limit = 25, offset = 0, more = false, total = (int?)null });
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, PagerDutyState state, WebhookSender webhooks, Requester requester)
    {
        var body = await ReadAsync(request, "incident");
        if (body is not { } incident || Text(incident, "title") is not { } title || Text(incident, "service", "id") is not { } serviceId)
        {
            return Requester.Invalid("Incident must have a title and a service.");
        }

        if (state.FindService(serviceId) is not { } service)
        {
            return Requester.Invalid("Service not found.");
        }

        var urgency = Text(incident, "urgency") ?? "high";
        if (urgency is not ("high" or "low"))
        {
            return Requester.Invalid("Urgency must be high or low.");
        }

        var assignees = Assignees(incident, state);
        if (assignees is null)
        {
            return Requester.Invalid("Assignee not found.");
        }

        var opened = state.Open(service, title, urgency, assignees, requester.User, requester.Via, Text(incident, "body", "details"), null);
        webhooks.Send("incident.triggered", opened, requester.User);
        return Results.Json(new { incident = PagerDutyShapes.Incident(opened) }, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateAsync(HttpRequest request, PagerDutyState state, WebhookSender webhooks, Requester requester, PagerDutyIncident incident)
    {
        var user = requester.User!;
        if (await ReadAsync(request, "incident") is not { } change)
        {
            return Requester.Invalid("Request body must contain an incident.");
        }

        if (incident.Status == "resolved")
        {
            return Requester.Invalid("Incident Already Resolved");
        }

        if (Text(change, "status") is { } status)
        {
            if (status is not ("acknowledged" or "resolved"))
            {
                return Requester.Invalid("Status must be acknowledged or resolved.");
            }

            var verb = status == "acknowledged" ? "acknowledge" : "resolve";
            state.Change(incident, verb, user, requester.Via, $"{verb}_log_entry", $"{(status == "acknowledged" ? "Acknowledged" : "Resolved")} by {user.Name}.", () => incident.Status = status);
            webhooks.Send($"incident.{status}", incident, user);
        }
        else if (change.TryGetProperty("escalation_level", out var level) && level.TryGetInt32(out var to))
        {
            var levels = incident.Service.EscalationPolicy.Levels;
            if (to < 1 || to > levels.Count)
            {
                return Requester.Invalid($"Escalation level must be between 1 and {levels.Count}.");
            }

            state.Change(incident, "escalate", user, requester.Via, "escalate_log_entry", $"Escalated to level {to} by {user.Name}.", () =>
            {
                incident.EscalationLevel = to;
                incident.Status = "triggered";
                incident.Assignees.Clear();
                incident.Assignees.AddRange(levels[to - 1]);
            });
            webhooks.Send("incident.escalated", incident, user);
        }
        else if (Assignees(change, state) is { Count: > 0 } assignees)
        {
            state.Change(incident, "reassign", user, requester.Via, "assign_log_entry", $"Reassigned to {string.Join(", ", assignees.Select(a => a.Name))} by {user.Name}.", () =>
            {
                incident.Status = "triggered";
                incident.Assignees.Clear();
                incident.Assignees.AddRange(assignees);
            });
            webhooks.Send("incident.reassigned", incident, user);
        }
        else if (Text(change, "escalation_policy", "id") is { } policyId)
        {
            if (state.EscalationPolicies.SingleOrDefault(p => p.Id == policyId) is not { Levels.Count: > 0 } policy)
            {
                return Requester.Invalid("Escalation policy not found.");
            }

            state.Change(incident, "reassign", user, requester.Via, "assign_log_entry", $"Reassigned to {policy.Name} by {user.Name}.", () =>
            {
                incident.Status = "triggered";
                incident.EscalationLevel = 1;
                incident.Assignees.Clear();
                incident.Assignees.AddRange(policy.Levels[0]);
            });
            webhooks.Send("incident.reassigned", incident, user);
        }
        else
        {
            return Requester.Invalid("Nothing to update: give a status, an escalation_level, an escalation_policy or assignments of known users.");
        }

        return Results.Json(new { incident = PagerDutyShapes.Incident(incident) });
    }

    private static async Task<IResult> AddNoteAsync(HttpRequest request, PagerDutyState state, WebhookSender webhooks, Requester requester, PagerDutyIncident incident)
    {
        if (await ReadAsync(request, "note") is not { } body || Text(body, "content") is not { Length: > 0 } content)
        {
            return Requester.Invalid("Note content is required.");
        }

        var note = state.AddNote(incident, content, requester.User!, requester.Via);
        webhooks.Send("incident.annotated", incident, requester.User, note);
        return Results.Json(new { note = PagerDutyShapes.Note(note) }, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>Events API v2 (https://developer.pagerduty.com/docs/events-api-v2/trigger-events/): alerts from monitoring, deduplicated by <c>dedup_key</c>.</summary>
    private static async Task<IResult> EnqueueAsync(HttpRequest request, PagerDutyState state, WebhookSender webhooks)
    {
        var body = await ReadAsync(request, null);
        var action = body is { } b ? Text(b, "event_action") : null;
        if (body is not { } alert || Text(alert, "routing_key") is not { } key || state.FindServiceByRoutingKey(key) is not { } service)
        {
            return Results.Json(new { status = "invalid event", message = "Event object is invalid", errors = BadRoutingKey }, statusCode: StatusCodes.Status400BadRequest);
        }

        var dedupKey = Text(alert, "dedup_key");
        if (action == "trigger")
        {
            if (Text(alert, "payload", "summary") is not { } summary)
            {
                return Results.Json(new { status = "invalid event", message = "Event object is invalid", errors = MissingSummary }, statusCode: StatusCodes.Status400BadRequest);
            }

            dedupKey ??= Guid.NewGuid().ToString("N");
            if (state.FindOpenIncident(service, dedupKey) is null)
            {
                var urgency = Text(alert, "payload", "severity") is "critical" or "error" ? "high" : "low";
                var incident = state.Open(service, summary, urgency, null, null, "events_api", null, dedupKey);
                webhooks.Send("incident.triggered", incident, null);
            }
        }
        else if (action is "acknowledge" or "resolve" && dedupKey is not null)
        {
            if (state.FindOpenIncident(service, dedupKey) is { } incident)
            {
                var status = action == "acknowledge" ? "acknowledged" : "resolved";
                state.Change(incident, action, null, "events_api", $"{action}_log_entry", $"{(action == "acknowledge" ? "Acknowledged" : "Resolved")} through the API.", () => incident.Status = status);
                webhooks.Send($"incident.{status}", incident, null);
            }
        }
        else
        {
            return Results.Json(new { status = "invalid event", message = "Event object is invalid", errors = BadAction }, statusCode: StatusCodes.Status400BadRequest);
        }

        return Results.Json(new { status = "success", message = "Event processed", dedup_key = dedupKey }, statusCode: StatusCodes.Status202Accepted);
    }

    private static List<PagerDutyUser>? Assignees(JsonElement incident, PagerDutyState state)
    {
        if (!incident.TryGetProperty("assignments", out var assignments) || assignments.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var users = assignments.EnumerateArray().Select(a => Text(a, "assignee", "id") is { } id ? state.FindUser(id) : null).ToList();
        return users.Any(u => u is null) ? null : users.OfType<PagerDutyUser>().ToList();
    }

    private static async Task<JsonElement?> ReadAsync(HttpRequest request, string? wrapper)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body);
            var root = document.RootElement.Clone();
            return wrapper is null ? root : root.ValueKind == JsonValueKind.Object && root.TryGetProperty(wrapper, out var inner) && inner.ValueKind == JsonValueKind.Object ? inner : null;
        }
        catch (JsonException)
        {
            return null;
        }
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
