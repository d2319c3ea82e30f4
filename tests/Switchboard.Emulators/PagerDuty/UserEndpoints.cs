using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Switchboard.Emulators.PagerDuty;

/// <summary>
/// The REST API's <c>GET /users/me</c>, for a token from the OAuth flow (<c>Authorization: Bearer</c>), with the
/// version in <c>Accept: application/vnd.pagerduty+json;version=2</c>. Errors carry PagerDuty's body
/// (<c>{"error": {"message", "code"}}</c>).
/// https://developer.pagerduty.com/api-reference/b3A6Mjc0ODIzMw-get-the-current-user
/// </summary>
internal static class UserEndpoints
{
    public const string MediaType = "application/vnd.pagerduty+json;version=2";

    public static void MapUsers(this IEndpointRouteBuilder app, PagerDutyState state) =>
        app.MapGet("/users/me", (HttpRequest request) => Me(request, state));

    private static IResult Me(HttpRequest request, PagerDutyState state)
    {
        var authorization = request.Headers.Authorization.ToString();
        var token = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : null;
        if (token is null || state.OAuth.Authenticate(token) is not { } grant)
        {
            return TypedResults.Json(new { error = new { message = "Unauthorized", code = 2006 } }, statusCode: StatusCodes.Status401Unauthorized);
        }

        var user = grant.User;
        return TypedResults.Json(new
        {
            user = new
            {
                id = user.Id,
                type = "user",
                summary = user.Name,
                name = user.Name,
                email = user.Email,
                self = $"https://api.pagerduty.com/users/{user.Id}",
                html_url = $"https://subdomain.pagerduty.com/users/{user.Id}",
                role = "user",
                time_zone = "Etc/UTC",
            },
        });
    }
}
