using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Switchboard.Core.Errors;

namespace Switchboard.Modules.Paging.PagerDuty;

/// <summary>
/// PagerDuty's REST API v2 (https://developer.pagerduty.com/api-reference/), always as a person (<see cref="PagerDutyCaller"/>),
/// so PagerDuty's log names them. Its answers become values; its refusals become <c>paging.*</c> errors, never exceptions.
/// No retries: a person who clicked is better told at once that PagerDuty is slow than kept waiting.
/// </summary>
internal sealed class PagerDutyClient(HttpClient http, ILogger<PagerDutyClient> logger)
{
    private const string MediaType = "application/vnd.pagerduty+json;version=2";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public async Task<PagerDutyAnswer<IReadOnlyList<PagerDutyIncident>>> ListIncidentsAsync(
        PagerDutyCaller caller, IReadOnlyCollection<string> statuses, IReadOnlyCollection<string> serviceIds, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken)
    {
        var query = statuses.Select(s => "statuses[]=" + Uri.EscapeDataString(s))
            .Concat(serviceIds.Select(s => "service_ids[]=" + Uri.EscapeDataString(s)))
            .Concat(userIds.Select(u => "user_ids[]=" + Uri.EscapeDataString(u)))
            .Append("sort_by=created_at:desc");
        var answer = await SendAsync<IncidentList>(caller, HttpMethod.Get, "incidents?" + string.Join('&', query), null, null, cancellationToken);
        return answer.Map<IReadOnlyList<PagerDutyIncident>>(list => list.Incidents);
    }

    public async Task<PagerDutyAnswer<PagerDutyIncident>> GetIncidentAsync(PagerDutyCaller caller, string id, CancellationToken cancellationToken) =>
        (await SendAsync<IncidentEnvelope>(caller, HttpMethod.Get, $"incidents/{id}", null, id, cancellationToken)).Map(e => e.Incident);

    public async Task<PagerDutyAnswer<PagerDutyIncident>> CreateIncidentAsync(PagerDutyCaller caller, NewIncident incident, CancellationToken cancellationToken)
    {
        var body = new
        {
            incident = new
            {
                type = "incident",
                title = incident.Title,
                service = new { id = incident.ServiceId, type = "service_reference" },
                urgency = incident.Urgency,
                assignments = incident.AssigneeIds.Select(id => new { assignee = new { id, type = "user_reference" } }),
                body = new { type = "incident_body", details = incident.Details },
            },
        };
        return (await SendAsync<IncidentEnvelope>(caller, HttpMethod.Post, "incidents", body, null, cancellationToken)).Map(e => e.Incident);
    }

    /// <param name="change">The <c>incident</c> object's fields to change: <c>status</c>, <c>escalation_level</c>, <c>assignments</c>, <c>escalation_policy</c>.</param>
    public async Task<PagerDutyAnswer<PagerDutyIncident>> UpdateIncidentAsync(PagerDutyCaller caller, string id, IReadOnlyDictionary<string, object> change, CancellationToken cancellationToken)
    {
        var incident = new Dictionary<string, object>(change) { ["type"] = "incident_reference" };
        return (await SendAsync<IncidentEnvelope>(caller, HttpMethod.Put, $"incidents/{id}", new { incident }, id, cancellationToken)).Map(e => e.Incident);
    }

    public async Task<PagerDutyAnswer<PagerDutyNote>> AddNoteAsync(PagerDutyCaller caller, string id, string content, CancellationToken cancellationToken) =>
        (await SendAsync<NoteEnvelope>(caller, HttpMethod.Post, $"incidents/{id}/notes", new { note = new { content } }, id, cancellationToken)).Map(e => e.Note);

    /// <summary>What happened to the incident, as PagerDuty logged it (https://developer.pagerduty.com/api-reference/367a4fcf1d1a8-list-log-entries-for-an-incident).</summary>
    public async Task<PagerDutyAnswer<IReadOnlyList<PagerDutyLogEntry>>> ListLogEntriesAsync(PagerDutyCaller caller, string id, CancellationToken cancellationToken) =>
        (await SendAsync<LogEntryList>(caller, HttpMethod.Get, $"incidents/{id}/log_entries?limit=100", null, id, cancellationToken))
            .Map<IReadOnlyList<PagerDutyLogEntry>>(list => list.LogEntries);

    public async Task<PagerDutyAnswer<IReadOnlyList<PagerDutyNote>>> ListNotesAsync(PagerDutyCaller caller, string id, CancellationToken cancellationToken) =>
        (await SendAsync<NoteList>(caller, HttpMethod.Get, $"incidents/{id}/notes", null, id, cancellationToken)).Map<IReadOnlyList<PagerDutyNote>>(list => list.Notes);

    public async Task<PagerDutyAnswer<PagerDutyServiceDetails>> GetServiceAsync(PagerDutyCaller caller, string id, CancellationToken cancellationToken) =>
        (await SendAsync<ServiceEnvelope>(caller, HttpMethod.Get, $"services/{Uri.EscapeDataString(id)}", null, null, cancellationToken)).Map(e => e.Service);

    /// <summary>
    /// Who is on call between the moments (https://developer.pagerduty.com/api-reference/3a6b910f11050-list-all-of-the-on-calls),
    /// one entry per shift, on these escalation policies and schedules only when any are named.
    /// </summary>
    public async Task<PagerDutyAnswer<IReadOnlyList<PagerDutyOnCall>>> ListOnCallsAsync(
        PagerDutyCaller caller, DateTimeOffset since, DateTimeOffset until, IReadOnlyCollection<string> escalationPolicyIds, IReadOnlyCollection<string> scheduleIds, CancellationToken cancellationToken)
    {
        var query = escalationPolicyIds.Select(p => "escalation_policy_ids[]=" + Uri.EscapeDataString(p))
            .Concat(scheduleIds.Select(s => "schedule_ids[]=" + Uri.EscapeDataString(s)))
            .Append("since=" + Uri.EscapeDataString(Time(since)))
            .Append("until=" + Uri.EscapeDataString(Time(until)))
            .Append("limit=100");
        var answer = await SendAsync<OnCallList>(caller, HttpMethod.Get, "oncalls?" + string.Join('&', query), null, null, cancellationToken);
        return answer.Map<IReadOnlyList<PagerDutyOnCall>>(list => list.Oncalls);
    }

    /// <summary>The schedules whose name contains the text, as PagerDuty's <c>query</c> matches them.</summary>
    public async Task<PagerDutyAnswer<IReadOnlyList<PagerDutySchedule>>> FindSchedulesAsync(PagerDutyCaller caller, string text, CancellationToken cancellationToken) =>
        (await SendAsync<ScheduleList>(caller, HttpMethod.Get, "schedules?query=" + Uri.EscapeDataString(text), null, null, cancellationToken))
            .Map<IReadOnlyList<PagerDutySchedule>>(list => list.Schedules);

    public async Task<PagerDutyAnswer<PagerDutySchedule>> GetScheduleAsync(PagerDutyCaller caller, string id, CancellationToken cancellationToken) =>
        (await SendAsync<ScheduleEnvelope>(caller, HttpMethod.Get, $"schedules/{Uri.EscapeDataString(id)}", null, null, cancellationToken)).Map(e => e.Schedule);

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<PagerDutyAnswer<T>> SendAsync<T>(PagerDutyCaller caller, HttpMethod method, string path, object? body, string? incidentId, CancellationToken cancellationToken)
        where T : class
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation("Authorization", caller.Authorization);
        request.Headers.TryAddWithoutValidation("Accept", MediaType);
        // With the account key, PagerDuty attributes a write to the user whose login e-mail this is:
        // https://developer.pagerduty.com/docs/authentication#the-from-header
        if (caller.From is { } from)
        {
            request.Headers.TryAddWithoutValidation("From", from);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }

        var logPath = path.Split('?')[0];
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                var value = await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken);
                return value is null ? new(null, PagingErrors.Unavailable()) : new(value, null);
            }

            var problem = await ProblemAsync(response, cancellationToken);
            logger.PagerDutyRefused((int)response.StatusCode, method.Method, logPath, problem);
            return new(null, response.StatusCode switch
            {
                HttpStatusCode.NotFound when incidentId is not null => PagingErrors.UnknownIncident(incidentId),
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => PagingErrors.Denied(),
                HttpStatusCode.TooManyRequests => PagingErrors.RateLimited(),
                >= HttpStatusCode.BadRequest and < HttpStatusCode.InternalServerError => PagingErrors.Refused(problem),
                _ => PagingErrors.Unavailable(),
            });
        }
        catch (HttpRequestException exception)
        {
            logger.PagerDutyUnreachable(method.Method, logPath, exception.HttpRequestError.ToString());
            return new(null, PagingErrors.Unavailable());
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.PagerDutyUnreachable(method.Method, logPath, "timed out");
            return new(null, PagingErrors.Unavailable());
        }
        catch (JsonException exception)
        {
            logger.PagerDutyUnreachable(method.Method, logPath, "unreadable answer: " + exception.Message);
            return new(null, PagingErrors.Unavailable());
        }
    }

    // PagerDuty's errors: {"error": {"message": "Invalid Input Provided", "code": 2001, "errors": ["..."]}}
    private static async Task<string> ProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await response.Content.ReadFromJsonAsync<ErrorEnvelope>(Json, cancellationToken);
            return answer?.Error is { } error
                ? error.Errors is { Count: > 0 } details ? $"{error.Message}: {string.Join("; ", details)}" : error.Message ?? $"HTTP {(int)response.StatusCode}"
                : $"HTTP {(int)response.StatusCode}";
        }
        catch (JsonException)
        {
            return $"HTTP {(int)response.StatusCode}";
        }
    }

    private sealed record IncidentList(IReadOnlyList<PagerDutyIncident> Incidents);

    private sealed record IncidentEnvelope(PagerDutyIncident Incident);

    private sealed record NoteEnvelope(PagerDutyNote Note);

    private sealed record ServiceEnvelope(PagerDutyServiceDetails Service);

    private sealed record LogEntryList(IReadOnlyList<PagerDutyLogEntry> LogEntries);

    private sealed record NoteList(IReadOnlyList<PagerDutyNote> Notes);

    private sealed record OnCallList(IReadOnlyList<PagerDutyOnCall> Oncalls);

    private sealed record ScheduleList(IReadOnlyList<PagerDutySchedule> Schedules);

    private sealed record ScheduleEnvelope(PagerDutySchedule Schedule);

    private sealed record ErrorEnvelope(PagerDutyError? Error);

    private sealed record PagerDutyError(string? Message, int? Code, IReadOnlyList<string>? Errors);
}

/// <summary>What PagerDuty answered, or the error to show the person.</summary>
internal sealed record PagerDutyAnswer<T>(T? Value, Error? Error)
    where T : class
{
    public PagerDutyAnswer<TOut> Map<TOut>(Func<T, TOut> map)
        where TOut : class => Value is { } value ? new(map(value), null) : new(null, Error);
}

/// <param name="Authorization">The whole header value: <c>Bearer &lt;the person's OAuth token&gt;</c> or <c>Token token=&lt;account key&gt;</c>.</param>
/// <param name="From">The person's proven login e-mail, sent with the account key.</param>
/// <param name="UserId">The person's PagerDuty user id.</param>
internal sealed record PagerDutyCaller(string Authorization, string? From, string UserId)
{
    public override string ToString() => $"PagerDutyCaller {{ UserId = {UserId} }}";
}

internal sealed record NewIncident(string Title, string ServiceId, string Urgency, IReadOnlyList<string> AssigneeIds, string? Details);

internal sealed record PagerDutyReference(string Id, string? Type, string? Summary, Uri? HtmlUrl);

internal sealed record PagerDutyAssignment(PagerDutyReference Assignee);

internal sealed record PagerDutyIncident(
    string Id,
    int IncidentNumber,
    string Title,
    string Status,
    string? Urgency,
    DateTimeOffset? CreatedAt,
    Uri? HtmlUrl,
    PagerDutyReference Service,
    IReadOnlyList<PagerDutyAssignment>? Assignments)
{
    public IEnumerable<PagerDutyReference> Assignees => Assignments?.Select(a => a.Assignee) ?? [];
}

internal sealed record PagerDutyNote(string Id, PagerDutyReference? User, string Content, DateTimeOffset CreatedAt);

/// <param name="Type">Such as <c>trigger_log_entry</c>, <c>acknowledge_log_entry</c>, <c>annotate_log_entry</c>.</param>
/// <param name="Agent">Who acted: a <c>user_reference</c>, or the service or integration for PagerDuty's own doings.</param>
internal sealed record PagerDutyLogEntry(string Id, string Type, string? Summary, DateTimeOffset CreatedAt, PagerDutyReference? Agent);

internal sealed record PagerDutyServiceDetails(string Id, string Name, PagerDutyReference? EscalationPolicy);

/// <param name="Schedule">The schedule that puts the user on call; null when the level names the user directly.</param>
/// <param name="Start">When the shift begins; null (with <paramref name="End"/>) for a user always on call at the level.</param>
internal sealed record PagerDutyOnCall(PagerDutyReference EscalationPolicy, int EscalationLevel, PagerDutyReference? Schedule, PagerDutyReference User, DateTimeOffset? Start, DateTimeOffset? End);

internal sealed record PagerDutySchedule(string Id, string Name);
