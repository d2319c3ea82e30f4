using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Switchboard.Core.Credentials;

namespace Switchboard.Modules.Rolodex.Connections;

/// <summary>
/// GitHub's web application flow with expiring user tokens: PKCE, the code and refresh grants at
/// <c>/login/oauth/access_token</c>, <c>GET /user</c>, and <c>DELETE /applications/{client_id}/grant</c>, which
/// ends the grant and every token it issued. A GitHub account is linked by its login; its numeric id, which
/// survives a rename, is kept beside it.
/// </summary>
internal sealed class GitHubOAuth(HttpClient http, IOptions<OAuthOptions> options, TimeProvider clock)
    : OAuthProvider(http, options.Value.GitHub, clock)
{
    public override string Service => "github";

    public override string DisplayName => "GitHub";

    public override bool UsesPkce => true;

    public override async Task<ProviderResult<ProvenAccount>> CurrentAccountAsync(string accessToken, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, "user");
        request.Headers.Authorization = Bearer(accessToken);
        var answer = await SendAsync(request, cancellationToken);
        if (answer.Failure is { } failure)
        {
            return new ProviderResult<ProvenAccount>(null, failure, answer.Reason);
        }

        return answer.Value is { ValueKind: JsonValueKind.Object } user
            && user.TryGetProperty("login", out var login) && login.ValueKind == JsonValueKind.String
            && user.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number
            ? ProviderResult<ProvenAccount>.Answered(new ProvenAccount(login.GetString()!.ToLowerInvariant(), Invariant(id.GetInt64())))
            : ProviderResult<ProvenAccount>.Unreachable("GET /user answered without a login and id");
    }

    public override async Task<ProviderResult<bool>> RevokeAsync(ServiceCredential credential, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Delete, $"applications/{Uri.EscapeDataString(Options.ClientId!)}/grant");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Options.ClientId}:{Options.ClientSecret}")));
        request.Content = JsonContent.Create(new { access_token = credential.Value });
        var answer = await SendAsync(request, cancellationToken);
        return answer.Failure is { } failure ? new ProviderResult<bool>(false, failure, answer.Reason) : ProviderResult<bool>.Answered(true);
    }

    /// <summary>GitHub refuses API requests without a User-Agent, and versions its REST API by header.</summary>
    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(Options.ApiBaseUrl, path));
        request.Headers.Accept.ParseAdd("application/vnd.github+json");
        request.Headers.UserAgent.ParseAdd("Switchboard");
        request.Headers.Add("X-GitHub-Api-Version", "2022-11-28");
        return request;
    }

    protected override IEnumerable<KeyValuePair<string, string>> ExchangeForm(string code, string? codeVerifier, Uri redirectUri) =>
        base.ExchangeForm(code, codeVerifier, redirectUri).Where(p => p.Key != "grant_type");
}
