using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Switchboard.Emulators.OAuth;

namespace Switchboard.Emulators.GitHub.WebFlow;

/// <summary>
/// GitHub's web application flow with expiring user tokens, as a GitHub App (or an OAuth app that opted in)
/// sees it: <c>GET /login/oauth/authorize</c> (with PKCE, S256), <c>POST /login/oauth/access_token</c> (code and
/// refresh grants; errors come back as HTTP 200 with an <c>error</c> field, as GitHub answers), <c>GET /user</c>,
/// and <c>DELETE /applications/{client_id}/grant</c> to revoke.
/// https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps
/// https://docs.github.com/en/rest/apps/oauth-applications#delete-an-app-authorization
/// </summary>
internal static class WebFlowEndpoints
{
    private const string ErrorUri = "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors";

    public static void MapWebFlow(this IEndpointRouteBuilder app, GitHubState state)
    {
        app.MapGet("/login/oauth/authorize", (HttpRequest request) => state.OAuth.Authorize(
            new AuthorizeRequest(
                request.Query["client_id"], request.Query["redirect_uri"], "code", request.Query["scope"], request.Query["state"],
                request.Query["code_challenge"], request.Query["code_challenge_method"]),
            supportsPkce: true).ToResult());
        app.MapPost("/login/oauth/access_token", async (HttpRequest request) => await AccessTokenAsync(request, state));
        app.MapGet("/api/v3/user", (HttpRequest request) => CurrentUser(request, state));
        app.MapDelete("/api/v3/applications/{clientId}/grant", async (string clientId, HttpRequest request) => await DeleteGrantAsync(clientId, request, state));
    }

    private static async Task<IResult> AccessTokenAsync(HttpRequest request, GitHubState state)
    {
        // GitHub takes the parameters in the query string or a form body.
        var form = request.HasFormContentType ? await request.ReadFormAsync() : null;
        string? Parameter(string name) => form?[name].FirstOrDefault() ?? request.Query[name].FirstOrDefault();

        var refreshing = Parameter("grant_type") == "refresh_token";
        var outcome = refreshing
            ? state.OAuth.Refresh(Parameter("client_id"), Parameter("client_secret"), Parameter("refresh_token"))
            : state.OAuth.ExchangeCode(Parameter("client_id"), Parameter("client_secret"), Parameter("code"), Parameter("redirect_uri"), Parameter("code_verifier"));
        if (outcome.Grant is not { } grant)
        {
            var error = outcome.Error switch
            {
                "invalid_client" => "incorrect_client_credentials",
                _ when refreshing => "bad_refresh_token",
                _ => "bad_verification_code",
            };
            return TypedResults.Json(new { error, error_description = outcome.Description, error_uri = ErrorUri });
        }

        var now = state.Clock.GetUtcNow();
        return TypedResults.Json(new
        {
            access_token = grant.AccessToken,
            expires_in = (long)(grant.AccessExpiresAt - now).TotalSeconds,
            refresh_token = grant.RefreshToken,
            refresh_token_expires_in = grant.RefreshExpiresAt is { } at ? (long)(at - now).TotalSeconds : 0,
            scope = string.Join(',', grant.Scopes),
            token_type = "bearer",
        });
    }

    private static IResult CurrentUser(HttpRequest request, GitHubState state)
    {
        var presented = AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header) ? header.Parameter : null;
        if (presented is null || state.OAuth.Authenticate(presented) is not { } grant)
        {
            return GitHubApi.Problem(StatusCodes.Status401Unauthorized, "Bad credentials");
        }

        var user = grant.User;
        return TypedResults.Json(
            new
            {
                user.Login,
                user.Id,
                NodeId = "U_" + Convert.ToBase64String(BitConverter.GetBytes(user.Id)).TrimEnd('='),
                HtmlUrl = $"https://github.com/{user.Login}",
                Type = "User",
                SiteAdmin = false,
                user.Name,
                user.Email,
                CreatedAt = user.CreatedAt,
            },
            GitHubApi.Json);
    }

    /// <summary>Revokes the grant, and with it every token the app holds for the user; the app authenticates with Basic client id and secret.</summary>
    private static async Task<IResult> DeleteGrantAsync(string clientId, HttpRequest request, GitHubState state)
    {
        var (id, secret) = BasicCredentials(request.Headers.Authorization.ToString());
        if (id != clientId || !state.OAuth.IsClient(id, secret))
        {
            return GitHubApi.Problem(StatusCodes.Status401Unauthorized, "Requires authentication");
        }

        var body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("access_token", out var token) || token.ValueKind != JsonValueKind.String)
        {
            return GitHubApi.Problem(StatusCodes.Status422UnprocessableEntity, "Invalid request.\n\n\"access_token\" wasn't supplied.");
        }

        return state.OAuth.Revoke(id, secret, token.GetString())
            ? TypedResults.NoContent()
            : GitHubApi.NotFound();
    }

    private static (string? Id, string? Secret) BasicCredentials(string authorization)
    {
        if (!authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null);
        }

        var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..].Trim())).Split(':', 2);
        return decoded.Length == 2 ? (decoded[0], decoded[1]) : (null, null);
    }
}
