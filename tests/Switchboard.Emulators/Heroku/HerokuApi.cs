using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Switchboard.Emulators.OAuth;

namespace Switchboard.Emulators.Heroku;

/// <summary>
/// What every Platform API endpoint shares: the version in <c>Accept: application/vnd.heroku+json; version=3</c>,
/// a bearer token from the OAuth flow, and the error body (<c>id</c>, <c>message</c>).
/// https://devcenter.heroku.com/articles/platform-api-reference#clients
/// </summary>
internal static class HerokuApi
{
    public const string MediaType = "application/vnd.heroku+json; version=3";

    public static RouteGroupBuilder RequireVersionAndToken(this RouteGroupBuilder api, HerokuState state) =>
        api.AddEndpointFilter(async (context, next) =>
        {
            var request = context.HttpContext.Request;
            if (!request.Headers.Accept.ToString().Replace(" ", "", StringComparison.Ordinal).Contains("application/vnd.heroku+json;version=3", StringComparison.OrdinalIgnoreCase))
            {
                return Problem(StatusCodes.Status400BadRequest, "bad_request", "Please specify a version along with Heroku's API MIME type. For example, `Accept: application/vnd.heroku+json; version=3`.");
            }

            var authorization = request.Headers.Authorization.ToString();
            var token = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : null;
            if (token is null || state.OAuth.Authenticate(token) is not { } grant)
            {
                return Problem(StatusCodes.Status401Unauthorized, "unauthorized", "Invalid credentials provided.");
            }

            context.HttpContext.Items[typeof(OAuthGrant<HerokuAccount>)] = grant;
            return await next(context);
        });

    public static OAuthGrant<HerokuAccount> Grant(this HttpContext http) => (OAuthGrant<HerokuAccount>)http.Items[typeof(OAuthGrant<HerokuAccount>)]!;

    public static IResult Problem(int status, string id, string message) => TypedResults.Json(new { id, message }, statusCode: status);

    public static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
