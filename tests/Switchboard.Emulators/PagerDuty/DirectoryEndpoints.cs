using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Switchboard.Emulators.PagerDuty;

/// <summary>
/// The REST API's <c>GET /users</c> (<c>query</c> matches name or e-mail), <c>GET /users/{id}</c>, <c>GET /services</c>,
/// <c>GET /services/{id}</c> and <c>GET /escalation_policies</c>, for an OAuth token or the account key.
/// </summary>
internal static class DirectoryEndpoints
{
    public static void MapDirectory(this IEndpointRouteBuilder app, PagerDutyState state)
    {
        app.MapGet("/users", (HttpRequest request) => Read(request, state, () =>
        {
            var query = request.Query["query"].ToString();
            var users = state.Users.Where(u => query.Length == 0 || u.Name.Contains(query, StringComparison.OrdinalIgnoreCase) || u.Email.Contains(query, StringComparison.OrdinalIgnoreCase));
            return Results.Json(new { users = users.Select(PagerDutyShapes.User), limit = 25, offset = 0, more = false, total = (int?)null });
        }));
        app.MapGet("/users/{id}", (HttpRequest request, string id) => Read(request, state, () =>
            state.FindUser(id) is { } user ? Results.Json(new { user = PagerDutyShapes.User(user) }) : Requester.NotFound()));
        app.MapGet("/services", (HttpRequest request) => Read(request, state, () =>
            Results.Json(new { services = state.Services.Select(PagerDutyShapes.Service), limit = 25, offset = 0, more = false, total = (int?)null })));
        app.MapGet("/services/{id}", (HttpRequest request, string id) => Read(request, state, () =>
            state.FindService(id) is { } service ? Results.Json(new { service = PagerDutyShapes.Service(service) }) : Requester.NotFound()));
        app.MapGet("/escalation_policies", (HttpRequest request) => Read(request, state, () =>
            Results.Json(new { escalation_policies = state.EscalationPolicies.Select(PagerDutyShapes.EscalationPolicy), limit = 25, offset = 0, more = false, total = (int?)null })));
    }

    private static IResult Read(HttpRequest request, PagerDutyState state, Func<IResult> answer) =>
        Requester.Authenticate(request, state, write: false).Refusal ?? answer();
}
