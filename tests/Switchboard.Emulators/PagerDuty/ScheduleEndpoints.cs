using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Switchboard.Emulators.PagerDuty;

/// <summary>
/// The REST API's schedules and on-calls (https://developer.pagerduty.com/api-reference/3a6b910f11050-list-all-of-the-on-calls):
/// <c>GET /schedules</c> (<c>query</c> matches the name), <c>GET /schedules/{id}</c> with its <c>schedule_layers</c>,
/// <c>GET /schedules/{id}/overrides</c> (<c>since</c>, <c>until</c>), and <c>GET /oncalls</c> (<c>since</c>, <c>until</c>,
/// <c>schedule_ids[]</c>, <c>escalation_policy_ids[]</c>, <c>user_ids[]</c>, <c>earliest</c>), computed from the layers and overrides.
/// </summary>
internal static class ScheduleEndpoints
{
    private static readonly TimeSpan LongestRange = TimeSpan.FromDays(90);

    public static void MapSchedules(this IEndpointRouteBuilder app, PagerDutyState state)
    {
        app.MapGet("/schedules", (HttpRequest request) => Read(request, state, () =>
        {
            var query = request.Query["query"].ToString();
            var schedules = state.Schedules.Where(s => query.Length == 0 || s.Name.Contains(query, StringComparison.OrdinalIgnoreCase));
            return Results.Json(new { schedules = schedules.Select(PagerDutyShapes.Schedule), limit = 25, offset = 0, more = false, total = (int?)null });
        }));
        app.MapGet("/schedules/{id}", (HttpRequest request, string id) => Read(request, state, () =>
            state.FindSchedule(id) is { } schedule ? Results.Json(new { schedule = PagerDutyShapes.Schedule(schedule) }) : Requester.NotFound()));
        app.MapGet("/schedules/{id}/overrides", (HttpRequest request, string id) => Read(request, state, () =>
        {
            if (state.FindSchedule(id) is not { } schedule)
            {
                return Requester.NotFound();
            }

            if (Range(request, state.Clock.GetUtcNow()) is not (var since, var until))
            {
                return Requester.Invalid("since and until must be ISO 8601 times, since before until, at most 90 days apart.");
            }

            var overrides = schedule.Overrides.ToList().Where(o => o.Start < until && o.End > since).Select(PagerDutyShapes.Override).ToList();
            return Results.Json(new { overrides, limit = 25, offset = 0, more = false, total = overrides.Count });
        }));
        app.MapGet("/oncalls", (HttpRequest request) => Read(request, state, () =>
        {
            if (Range(request, state.Clock.GetUtcNow()) is not (var since, var until))
            {
                return Requester.Invalid("since and until must be ISO 8601 times, since before until, at most 90 days apart.");
            }

            var schedules = request.Query["schedule_ids[]"].OfType<string>().ToList();
            var policies = request.Query["escalation_policy_ids[]"].OfType<string>().ToList();
            var users = request.Query["user_ids[]"].OfType<string>().ToList();
            var onCalls = state.OnCallsBetween(since, until)
                .Where(o => schedules.Count == 0 || (o.Schedule is { } schedule && schedules.Contains(schedule.Id)))
                .Where(o => policies.Count == 0 || policies.Contains(o.EscalationPolicy.Id))
                .Where(o => users.Count == 0 || users.Contains(o.User.Id));
            if (request.Query["earliest"] == "true")
            {
                onCalls = onCalls.GroupBy(o => (o.EscalationPolicy.Id, o.EscalationLevel, o.User.Id)).Select(g => g.MinBy(o => o.Start)!);
            }

            var answer = onCalls.OrderBy(o => o.EscalationPolicy.Name, StringComparer.Ordinal).ThenBy(o => o.EscalationLevel).ThenBy(o => o.Start).Select(PagerDutyShapes.OnCall);
            return Results.Json(new { oncalls = answer, limit = 100, offset = 0, more = false, total = (int?)null });
        }));
    }

    // Both default to now, which asks who is on call at this moment.
    private static (DateTimeOffset Since, DateTimeOffset Until)? Range(HttpRequest request, DateTimeOffset now)
    {
        var since = Time(request.Query["since"].ToString(), now);
        var until = Time(request.Query["until"].ToString(), since ?? now);
        return since is { } from && until is { } to && from <= to && to - from <= LongestRange ? (from, to) : null;
    }

    private static DateTimeOffset? Time(string value, DateTimeOffset otherwise) =>
        value.Length == 0 ? otherwise
        : DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time
        : null;

    private static IResult Read(HttpRequest request, PagerDutyState state, Func<IResult> answer) =>
        Requester.Authenticate(request, state, write: false).Refusal ?? answer();
}
