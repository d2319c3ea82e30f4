using System.Text.Json;
using Microsoft.Extensions.Options;
using Switchboard.Core.Credentials;

namespace Switchboard.Modules.Rolodex.Connections;

/// <summary>
/// PagerDuty's OAuth 2.0 with PKCE; <c>GET /users/me</c> names the user, who is linked by their user id (what
/// PagerDuty's webhooks carry) with their e-mail address beside it. Revoking sends the refresh token to the
/// revocation endpoint (RFC 7009), which ends the grant.
/// </summary>
internal sealed class PagerDutyOAuth(HttpClient http, IOptions<OAuthOptions> options, TimeProvider clock)
    : OAuthProvider(http, options.Value.PagerDuty, clock)
{
    public override string Service => "pagerduty";

    public override string DisplayName => "PagerDuty";

    public override bool UsesPkce => true;

    public override async Task<ProviderResult<ProvenAccount>> CurrentAccountAsync(string accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Options.ApiBaseUrl, "users/me"));
        request.Headers.Accept.ParseAdd("application/vnd.pagerduty+json;version=2");
        request.Headers.Authorization = Bearer(accessToken);
        var answer = await SendAsync(request, cancellationToken);
        if (answer.Failure is { } failure)
        {
            return new ProviderResult<ProvenAccount>(null, failure, answer.Reason);
        }

        return answer.Value is { ValueKind: JsonValueKind.Object } body
            && body.TryGetProperty("user", out var user) && user.ValueKind == JsonValueKind.Object
            && user.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            ? ProviderResult<ProvenAccount>.Answered(new ProvenAccount(
                id.GetString()!,
                user.TryGetProperty("email", out var email) && email.ValueKind == JsonValueKind.String ? email.GetString()!.ToLowerInvariant() : null))
            : ProviderResult<ProvenAccount>.Unreachable("GET /users/me answered without a user id");
    }

    public override async Task<ProviderResult<bool>> RevokeAsync(ServiceCredential credential, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Options.RevokeUrl ?? new Uri(Options.TokenUrl, "revoke"))
        {
            Content = new FormUrlEncodedContent(
            [
                new("token", credential.RefreshToken ?? credential.Value),
                new("client_id", Options.ClientId!),
                new("client_secret", Options.ClientSecret!),
            ]),
        };
        var answer = await SendAsync(request, cancellationToken);
        return answer.Failure is { } failure ? new ProviderResult<bool>(false, failure, answer.Reason) : ProviderResult<bool>.Answered(true);
    }
}
