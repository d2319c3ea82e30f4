using System.Buffers.Text;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Switchboard.Core.Credentials;

namespace Switchboard.Modules.Rolodex.Connections;

/// <summary>
/// One service's side of OAuth's authorization-code flow: the authorize address, the token endpoint's code
/// and refresh grants (RFC 6749 §4.1, §6), the current account, and revocation. What the services share is
/// here; each subclass says how its service differs. No token is ever put in a log, an error or a reason.
/// </summary>
internal abstract class OAuthProvider(HttpClient http, OAuthProviderOptions options, TimeProvider clock)
{
    /// <summary>The service's name in the Rolodex and the vault: <c>github</c>.</summary>
    public abstract string Service { get; }

    /// <summary>How people write the service's name: <c>GitHub</c>.</summary>
    public abstract string DisplayName { get; }

    /// <summary>Whether the service checks a PKCE verifier (RFC 7636, S256).</summary>
    public abstract bool UsesPkce { get; }

    public OAuthProviderOptions Options => options;

    protected HttpClient Http => http;

    /// <summary>Heroku sends the browser back to the client's registered callback and takes no <c>redirect_uri</c>.</summary>
    protected virtual bool SendsRedirectUri => true;

    public Uri AuthorizeUrl(string state, string? codeVerifier, Uri redirectUri)
    {
        var query = new List<KeyValuePair<string, string>>
        {
            new("client_id", options.ClientId!),
            new("response_type", "code"),
            new("scope", options.Scopes),
            new("state", state),
        };
        if (SendsRedirectUri)
        {
            query.Add(new("redirect_uri", redirectUri.AbsoluteUri));
        }

        if (UsesPkce && codeVerifier is not null)
        {
            query.Add(new("code_challenge", ChallengeOf(codeVerifier)));
            query.Add(new("code_challenge_method", "S256"));
        }

        var separator = options.AuthorizeUrl.Query.Length > 0 ? "&" : "?";
        return new Uri(options.AuthorizeUrl.AbsoluteUri + separator + string.Join('&', query.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}")));
    }

    public Task<ProviderResult<OAuthTokens>> ExchangeAsync(string code, string? codeVerifier, Uri redirectUri, CancellationToken cancellationToken) =>
        PostTokenAsync(ExchangeForm(code, codeVerifier, redirectUri), refreshToken: null, cancellationToken);

    public Task<ProviderResult<OAuthTokens>> RefreshAsync(string refreshToken, CancellationToken cancellationToken) =>
        PostTokenAsync(RefreshForm(refreshToken), refreshToken, cancellationToken);

    public abstract Task<ProviderResult<ProvenAccount>> CurrentAccountAsync(string accessToken, CancellationToken cancellationToken);

    /// <summary>Ends the grant at the service, so that its tokens stop working there too.</summary>
    public abstract Task<ProviderResult<bool>> RevokeAsync(ServiceCredential credential, CancellationToken cancellationToken);

    /// <summary>A new PKCE verifier: 32 random bytes in base64url, 43 characters.</summary>
    public static string NewCodeVerifier() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string ChallengeOf(string codeVerifier) => Base64Url.EncodeToString(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(codeVerifier)));

    protected virtual IEnumerable<KeyValuePair<string, string>> ExchangeForm(string code, string? codeVerifier, Uri redirectUri)
    {
        yield return new("grant_type", "authorization_code");
        yield return new("code", code);
        yield return new("redirect_uri", redirectUri.AbsoluteUri);
        yield return new("client_id", options.ClientId!);
        yield return new("client_secret", options.ClientSecret!);
        if (UsesPkce && codeVerifier is not null)
        {
            yield return new("code_verifier", codeVerifier);
        }
    }

    protected virtual IEnumerable<KeyValuePair<string, string>> RefreshForm(string refreshToken)
    {
        yield return new("grant_type", "refresh_token");
        yield return new("refresh_token", refreshToken);
        yield return new("client_id", options.ClientId!);
        yield return new("client_secret", options.ClientSecret!);
    }

    /// <summary>Sends a request to the service and reads its JSON answer; a 4xx is a refusal, anything else that fails is the service being unreachable.</summary>
    protected async Task<ProviderResult<JsonElement>> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if ((int)response.StatusCode >= 500)
            {
                return ProviderResult<JsonElement>.Unreachable($"HTTP {(int)response.StatusCode}");
            }

            var body = ParseOrDefault(text);
            if (!response.IsSuccessStatusCode)
            {
                return ProviderResult<JsonElement>.Refused(ErrorCodeIn(body) ?? $"HTTP {(int)response.StatusCode}");
            }

            return ProviderResult<JsonElement>.Answered(body);
        }
        catch (HttpRequestException exception)
        {
            return ProviderResult<JsonElement>.Unreachable(exception.HttpRequestError.ToString());
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ProviderResult<JsonElement>.Unreachable("timed out");
        }
    }

    protected static AuthenticationHeaderValue Bearer(string accessToken) => new("Bearer", accessToken);

    private async Task<ProviderResult<OAuthTokens>> PostTokenAsync(IEnumerable<KeyValuePair<string, string>> form, string? refreshToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, options.TokenUrl) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Accept.ParseAdd("application/json");
        var answer = await SendAsync(request, cancellationToken);
        if (answer.Failure is { } failure)
        {
            return new ProviderResult<OAuthTokens>(null, failure, answer.Reason);
        }

        var body = answer.Value;
        // GitHub answers a refused grant with HTTP 200 and an error field.
        if (ErrorCodeIn(body) is { } error)
        {
            return ProviderResult<OAuthTokens>.Refused(error);
        }

        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("access_token", out var access) || access.ValueKind != JsonValueKind.String)
        {
            return ProviderResult<OAuthTokens>.Unreachable("no access_token in the answer");
        }

        var expiresAt = body.TryGetProperty("expires_in", out var expiresIn) && expiresIn.ValueKind == JsonValueKind.Number && expiresIn.GetInt64() > 0
            ? clock.GetUtcNow().AddSeconds(expiresIn.GetInt64())
            : (DateTimeOffset?)null;
        var newRefreshToken = body.TryGetProperty("refresh_token", out var refresh) && refresh.ValueKind == JsonValueKind.String && refresh.GetString() is { Length: > 0 } given
            ? given
            : refreshToken;
        var scopes = body.TryGetProperty("scope", out var scope) && scope.ValueKind == JsonValueKind.String
            ? scope.GetString()!.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries)
            : options.ScopeList;
        return ProviderResult<OAuthTokens>.Answered(new OAuthTokens(access.GetString()!, newRefreshToken, expiresAt, scopes));
    }

    private static JsonElement ParseOrDefault(string text)
    {
        try
        {
            return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            return default;
        }
    }

    /// <summary>The OAuth error code (<c>invalid_grant</c>) or the API's error id, which name a reason and never a token.</summary>
    private static string? ErrorCodeIn(JsonElement body) =>
        body.ValueKind != JsonValueKind.Object ? null
        : body.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String ? error.GetString()
        : body.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && body.TryGetProperty("message", out _) ? id.GetString()
        : null;

    protected static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>What the token endpoint issued.</summary>
internal sealed record OAuthTokens(string AccessToken, string? RefreshToken, DateTimeOffset? ExpiresAt, IReadOnlyList<string> Scopes)
{
    public ServiceCredential ToCredential() => new(AccessToken, RefreshToken, ExpiresAt, Scopes);

    public override string ToString() => $"OAuthTokens {{ ExpiresAt = {ExpiresAt:O}, Scopes = {string.Join(' ', Scopes)} }}";
}

/// <summary>
/// The account the service says the token belongs to.
/// </summary>
/// <param name="ExternalId">How the Rolodex, claims and webhooks name it: a GitHub login, a Heroku e-mail address, a PagerDuty user id.</param>
/// <param name="AlternateId">The service's other identifier for it: GitHub's numeric id, Heroku's account id, PagerDuty's e-mail address.</param>
internal sealed record ProvenAccount(string ExternalId, string? AlternateId);

internal enum ProviderFailure
{
    /// <summary>The service answered and said no: a bad code, a spent refresh token, a revoked grant.</summary>
    Refused,

    /// <summary>The service could not be reached, or failed (5xx, a timeout, an answer it should not give).</summary>
    Unreachable,
}

/// <param name="Reason">What went wrong, for the logs: an OAuth error code or an HTTP status; never a token.</param>
internal sealed record ProviderResult<T>(T? Value, ProviderFailure? Failure, string? Reason)
{
    public static ProviderResult<T> Answered(T value) => new(value, null, null);

    public static ProviderResult<T> Refused(string reason) => new(default, ProviderFailure.Refused, reason);

    public static ProviderResult<T> Unreachable(string reason) => new(default, ProviderFailure.Unreachable, reason);
}
