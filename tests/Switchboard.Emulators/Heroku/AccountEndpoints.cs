using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Switchboard.Emulators.OAuth;

namespace Switchboard.Emulators.Heroku;

/// <summary>
/// The Platform API's account and OAuth authorization resources: <c>GET /account</c>, <c>GET /oauth/authorizations</c>
/// (the account's grants, each with its client) and <c>DELETE /oauth/authorizations/{id}</c> (revokes one).
/// https://devcenter.heroku.com/articles/platform-api-reference#account
/// https://devcenter.heroku.com/articles/platform-api-reference#oauth-authorization
/// </summary>
internal static class AccountEndpoints
{
    public static void MapAccount(this IEndpointRouteBuilder app, HerokuState state)
    {
        var api = app.MapGroup("").RequireVersionAndToken(state);
        api.MapGet("/account", (HttpContext http) => TypedResults.Json(Account(http.Grant().User)));
        api.MapGet("/oauth/authorizations", (HttpContext http) => TypedResults.Json(
            state.OAuth.Grants.Where(g => g.User == http.Grant().User && g.RevokedAt is null).Select(g => Authorization(g, state)).ToList()));
        api.MapDelete("/oauth/authorizations/{id}", (string id, HttpContext http) =>
        {
            var grant = state.OAuth.Grants.SingleOrDefault(g => g.Id == id && g.User == http.Grant().User && g.RevokedAt is null);
            if (grant is null)
            {
                return HerokuApi.Problem(StatusCodes.Status404NotFound, "not_found", "Couldn't find that authorization.");
            }

            state.OAuth.Revoke(grant);
            return TypedResults.Json(Authorization(grant, state));
        });
    }

    private static object Account(HerokuAccount account) => new
    {
        id = account.Id,
        email = account.Email,
        name = account.Name,
        verified = true,
        two_factor_authentication = true,
        created_at = Timestamp(account.CreatedAt),
        updated_at = Timestamp(account.CreatedAt),
    };

    private static object Authorization(OAuthGrant<HerokuAccount> grant, HerokuState state) => new
    {
        id = grant.Id,
        client = state.OAuth.FindClient(grant.ClientId) is { } client
            ? new { id = client.ClientId, name = client.ClientId, redirect_uri = client.RedirectUri.AbsoluteUri }
            : null,
        scope = grant.Scopes,
        created_at = Timestamp(grant.CreatedAt),
        user = new { id = grant.User.Id, email = grant.User.Email, full_name = grant.User.Name },
    };

    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
