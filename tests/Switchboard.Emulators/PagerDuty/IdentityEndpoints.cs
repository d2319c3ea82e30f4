using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Switchboard.Emulators.OAuth;

namespace Switchboard.Emulators.PagerDuty;

/// <summary>
/// identity.pagerduty.com's OAuth 2.0 endpoints: <c>GET /oauth/authorize</c> (with PKCE, S256), <c>POST /oauth/token</c>
/// (form: <c>grant_type</c> authorization_code or refresh_token, <c>client_id</c>, <c>client_secret</c>,
/// <c>redirect_uri</c>, <c>code</c>, <c>code_verifier</c>, <c>refresh_token</c>; errors as RFC 6749 §5.2) and
/// <c>POST /oauth/revoke</c> (RFC 7009: <c>token</c> with the client's id and secret).
/// https://developer.pagerduty.com/docs/oauth-functionality
/// </summary>
internal static class IdentityEndpoints
{
    public static void MapIdentity(this IEndpointRouteBuilder app, PagerDutyState state)
    {
        app.MapGet("/oauth/authorize", (HttpRequest request) => state.OAuth.Authorize(
            new AuthorizeRequest(
                request.Query["client_id"], request.Query["redirect_uri"], request.Query["response_type"], request.Query["scope"], request.Query["state"],
                request.Query["code_challenge"], request.Query["code_challenge_method"]),
            supportsPkce: true).ToResult());
        app.MapPost("/oauth/token", async (HttpRequest request) => await TokenAsync(request, state));
        app.MapPost("/oauth/revoke", async (HttpRequest request) => await RevokeAsync(request, state));
    }

    private static async Task<IResult> RevokeAsync(HttpRequest request, PagerDutyState state)
    {
        var form = request.HasFormContentType ? await request.ReadFormAsync() : FormCollection.Empty;
        if (!state.OAuth.IsClient(form["client_id"], form["client_secret"]))
        {
            return Refusal(StatusCodes.Status401Unauthorized, "invalid_client", "Client authentication failed.");
        }

        // RFC 7009: an unknown or already revoked token is answered as a revoked one.
        state.OAuth.Revoke(form["client_id"], form["client_secret"], form["token"]);
        return TypedResults.Ok();
    }

    private static async Task<IResult> TokenAsync(HttpRequest request, PagerDutyState state)
    {
        var form = request.HasFormContentType ? await request.ReadFormAsync() : FormCollection.Empty;
        var outcome = form["grant_type"].ToString() switch
        {
            "authorization_code" => state.OAuth.ExchangeCode(form["client_id"], form["client_secret"], form["code"], form["redirect_uri"], form["code_verifier"]),
            "refresh_token" => state.OAuth.Refresh(form["client_id"], form["client_secret"], form["refresh_token"]),
            _ => null,
        };
        if (outcome is null)
        {
            return Refusal(StatusCodes.Status400BadRequest, "unsupported_grant_type", "grant_type must be authorization_code or refresh_token.");
        }

        if (outcome.Grant is not { } grant)
        {
            return Refusal(outcome.Error == "invalid_client" ? StatusCodes.Status401Unauthorized : StatusCodes.Status400BadRequest, outcome.Error!, outcome.Description!);
        }

        return TypedResults.Json(new
        {
            access_token = grant.AccessToken,
            token_type = "bearer",
            expires_in = (long)(grant.AccessExpiresAt - state.Clock.GetUtcNow()).TotalSeconds,
            refresh_token = grant.RefreshToken,
            scope = string.Join(' ', grant.Scopes),
        });
    }

    private static JsonHttpResult<object> Refusal(int status, string error, string description) =>
        TypedResults.Json<object>(new { error, error_description = description }, statusCode: status);
}
