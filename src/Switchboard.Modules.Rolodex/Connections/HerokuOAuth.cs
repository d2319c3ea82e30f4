using System.Text.Json;
using Microsoft.Extensions.Options;
using Switchboard.Core.Credentials;

namespace Switchboard.Modules.Rolodex.Connections;

/// <summary>
/// Heroku's web authorization flow: no PKCE and no <c>redirect_uri</c> (the client's registered callback is
/// used), the token endpoint takes the client secret without the id, and refresh tokens last. The account is
/// linked by its e-mail address, as Heroku's webhooks and the Rolodex name it; its id is kept beside it.
/// Revoking finds this client's authorization among the account's and deletes it.
/// </summary>
internal sealed class HerokuOAuth(HttpClient http, IOptions<OAuthOptions> options, TimeProvider clock)
    : OAuthProvider(http, options.Value.Heroku, clock)
{
    public override string Service => "heroku";

    public override string DisplayName => "Heroku";

    public override bool UsesPkce => false;

    protected override bool SendsRedirectUri => false;

    public override async Task<ProviderResult<ProvenAccount>> CurrentAccountAsync(string accessToken, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, "account", accessToken);
        var answer = await SendAsync(request, cancellationToken);
        if (answer.Failure is { } failure)
        {
            return new ProviderResult<ProvenAccount>(null, failure, answer.Reason);
        }

        return answer.Value is { ValueKind: JsonValueKind.Object } account
            && account.TryGetProperty("email", out var email) && email.ValueKind == JsonValueKind.String
            && account.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            ? ProviderResult<ProvenAccount>.Answered(new ProvenAccount(email.GetString()!.Trim().ToLowerInvariant(), id.GetString()))
            : ProviderResult<ProvenAccount>.Unreachable("GET /account answered without an email and id");
    }

    public override async Task<ProviderResult<bool>> RevokeAsync(ServiceCredential credential, CancellationToken cancellationToken)
    {
        using var list = Request(HttpMethod.Get, "oauth/authorizations", credential.Value);
        var answer = await SendAsync(list, cancellationToken);
        if (answer.Failure is { } failure)
        {
            return new ProviderResult<bool>(false, failure, answer.Reason);
        }

        var ours = answer.Value.ValueKind == JsonValueKind.Array
            ? answer.Value.EnumerateArray()
                .Where(a => a.TryGetProperty("client", out var client) && client.ValueKind == JsonValueKind.Object
                    && client.TryGetProperty("id", out var clientId) && clientId.GetString() == Options.ClientId)
                .Select(a => a.GetProperty("id").GetString()!)
                .ToList()
            : [];
        foreach (var authorization in ours)
        {
            using var delete = Request(HttpMethod.Delete, $"oauth/authorizations/{Uri.EscapeDataString(authorization)}", credential.Value);
            var deleted = await SendAsync(delete, cancellationToken);
            if (deleted.Failure is { } deleteFailure)
            {
                return new ProviderResult<bool>(false, deleteFailure, deleted.Reason);
            }
        }

        return ours.Count > 0 ? ProviderResult<bool>.Answered(true) : ProviderResult<bool>.Refused("no authorization of this client");
    }

    protected override IEnumerable<KeyValuePair<string, string>> ExchangeForm(string code, string? codeVerifier, Uri redirectUri) =>
    [
        new("grant_type", "authorization_code"),
        new("code", code),
        new("client_secret", Options.ClientSecret!),
    ];

    protected override IEnumerable<KeyValuePair<string, string>> RefreshForm(string refreshToken) =>
    [
        new("grant_type", "refresh_token"),
        new("refresh_token", refreshToken),
        new("client_secret", Options.ClientSecret!),
    ];

    private HttpRequestMessage Request(HttpMethod method, string path, string accessToken)
    {
        var request = new HttpRequestMessage(method, new Uri(Options.ApiBaseUrl, path));
        request.Headers.Accept.ParseAdd("application/vnd.heroku+json; version=3");
        request.Headers.Authorization = Bearer(accessToken);
        return request;
    }
}
