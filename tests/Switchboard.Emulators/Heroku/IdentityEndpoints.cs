using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Switchboard.Emulators.OAuth;

namespace Switchboard.Emulators.Heroku;

/// <summary>
/// id.heroku.com's web authorization flow: <c>GET /oauth/authorize</c> sends the browser back to the client's
/// registered callback (Heroku takes no <c>redirect_uri</c> and no PKCE), and <c>POST /oauth/token</c> exchanges
/// a code (<c>grant_type=authorization_code</c>, <c>code</c>, <c>client_secret</c>) or a refresh token
/// (<c>grant_type=refresh_token</c>, <c>refresh_token</c>, <c>client_secret</c>).
/// https://devcenter.heroku.com/articles/oauth
/// </summary>
internal static class IdentityEndpoints
{
    public static void MapIdentity(this IEndpointRouteBuilder app, HerokuState state)
    {
        app.MapGet("/oauth/authorize", (HttpRequest request) => state.OAuth.Authorize(
            new AuthorizeRequest(request.Query["client_id"], null, request.Query["response_type"], request.Query["scope"], request.Query["state"], null, null),
            supportsPkce: false).ToResult());
        app.MapPost("/oauth/token", async (HttpRequest request) => await TokenAsync(request, state));
    }

    private static async Task<IResult> TokenAsync(HttpRequest request, HerokuState state)
    {
        if (!request.HasFormContentType)
        {
            return HerokuApi.Problem(StatusCodes.Status400BadRequest, "bad_request", "Expected a form body.");
        }

        var form = await request.ReadFormAsync();
        // The client is known by its secret alone, as Heroku's token endpoint asks for nothing else.
        var clientId = state.OAuth.ClientIdOfSecret(form["client_secret"]);
        var outcome = form["grant_type"].ToString() switch
        {
            "authorization_code" => state.OAuth.ExchangeCode(clientId, form["client_secret"], form["code"], null, null),
            "refresh_token" => state.OAuth.Refresh(clientId, form["client_secret"], form["refresh_token"]),
            _ => null,
        };
        if (outcome is null)
        {
            return HerokuApi.Problem(StatusCodes.Status400BadRequest, "bad_request", "grant_type must be authorization_code or refresh_token.");
        }

        if (outcome.Grant is not { } grant)
        {
            return HerokuApi.Problem(StatusCodes.Status401Unauthorized, "unauthorized", outcome.Description!);
        }

        return TypedResults.Json(new
        {
            access_token = grant.AccessToken,
            expires_in = (long)(grant.AccessExpiresAt - state.Clock.GetUtcNow()).TotalSeconds,
            refresh_token = grant.RefreshToken,
            token_type = "Bearer",
            user_id = grant.User.Id,
            session_nonce = (string?)null,
        });
    }
}
