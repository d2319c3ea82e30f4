using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Switchboard.Emulators.OAuth;

/// <summary>
/// The authorization server the emulated vendors share: the authorization-code grant and the refresh-token
/// grant (RFC 6749), PKCE with S256 (RFC 7636) and revocation, over grants kept in memory. Each vendor maps
/// its own endpoints and response shapes over it. Tests script the person at the vendor's end
/// (<see cref="SignedIn"/>, <see cref="Declines"/>) and read back what clients sent (<see cref="TokenRequests"/>).
/// </summary>
public sealed class OAuthServer<TUser>(TimeProvider clock, Func<string> newAccessToken, Func<string> newRefreshToken)
    where TUser : class
{
    private static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(10);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, OAuthClient> _clients = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PendingCode> _codes = new(StringComparer.Ordinal);
    private readonly List<OAuthGrant<TUser>> _grants = [];
    private readonly List<TokenRequest> _tokenRequests = [];

    /// <summary>Who is signed in at the vendor and presses Authorize; with nobody, the authorize page asks to sign in and goes no further.</summary>
    public TUser? SignedIn { get; set; }

    /// <summary>The person presses Cancel instead: the vendor sends them back with <c>error=access_denied</c>.</summary>
    public bool Declines { get; set; }

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How long a refresh token works; null for one that lasts until it is used or revoked.</summary>
    public TimeSpan? RefreshTokenLifetime { get; set; }

    /// <summary>Whether a refresh spends the refresh token and issues a new one (GitHub, PagerDuty) or keeps it (Heroku).</summary>
    public bool RotatesRefreshTokens { get; set; } = true;

    public IReadOnlyList<OAuthGrant<TUser>> Grants
    {
        get
        {
            lock (_lock)
            {
                return [.. _grants];
            }
        }
    }

    /// <summary>Every request to the token endpoint, oldest first.</summary>
    public IReadOnlyList<TokenRequest> TokenRequests
    {
        get
        {
            lock (_lock)
            {
                return [.. _tokenRequests];
            }
        }
    }

    /// <summary>Registers an application, as a developer does on the vendor's settings page; the secret is new.</summary>
    public OAuthClient RegisterClient(string clientId, Uri redirectUri)
    {
        var client = new OAuthClient(clientId, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20)), redirectUri);
        lock (_lock)
        {
            _clients[clientId] = client;
        }

        return client;
    }

    /// <summary>The grant a live access token belongs to: issued here, not revoked, not expired.</summary>
    public OAuthGrant<TUser>? Authenticate(string accessToken)
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            return _grants.SingleOrDefault(g => g.AccessToken == accessToken && g.RevokedAt is null && g.AccessExpiresAt > now);
        }
    }

    internal AuthorizeOutcome Authorize(AuthorizeRequest request, bool supportsPkce)
    {
        OAuthClient? client;
        lock (_lock)
        {
            client = _clients.GetValueOrDefault(request.ClientId ?? "");
        }

        if (client is null)
        {
            return AuthorizeOutcome.Page(400, "The application is not registered: unknown client_id.");
        }

        if (request.RedirectUri is { } given && given != client.RedirectUri.AbsoluteUri)
        {
            return AuthorizeOutcome.Page(400, "The redirect_uri is not the application's registered callback URL.");
        }

        if (request.ResponseType is not (null or "code"))
        {
            return AuthorizeOutcome.Redirect(With(client.RedirectUri, ("error", "unsupported_response_type"), ("state", request.State)));
        }

        if (supportsPkce && request.CodeChallenge is not null && request.CodeChallengeMethod != "S256")
        {
            return AuthorizeOutcome.Redirect(With(client.RedirectUri, ("error", "invalid_request"), ("error_description", "code_challenge_method must be S256"), ("state", request.State)));
        }

        if (SignedIn is not { } user)
        {
            return AuthorizeOutcome.Page(200, "Sign in to continue to the application.");
        }

        if (Declines)
        {
            return AuthorizeOutcome.Redirect(With(client.RedirectUri, ("error", "access_denied"), ("error_description", "The user has denied your application access."), ("state", request.State)));
        }

        var code = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));
        lock (_lock)
        {
            _codes[code] = new PendingCode(
                client.ClientId,
                user,
                request.RedirectUri,
                (request.Scope ?? "").Split([' ', ','], StringSplitOptions.RemoveEmptyEntries),
                supportsPkce ? request.CodeChallenge : null,
                clock.GetUtcNow() + CodeLifetime);
        }

        return AuthorizeOutcome.Redirect(With(client.RedirectUri, ("code", code), ("state", request.State)));
    }

    internal TokenOutcome ExchangeCode(string? clientId, string? clientSecret, string? code, string? redirectUri, string? codeVerifier)
    {
        lock (_lock)
        {
            if (ClientOf(clientId, clientSecret) is not { } client)
            {
                return Record("authorization_code", clientId, null, TokenOutcome.Refused("invalid_client", "The client_id and/or client_secret passed are incorrect."));
            }

            if (code is null || !_codes.Remove(code, out var pending) || pending.ClientId != client.ClientId || pending.ExpiresAt <= clock.GetUtcNow())
            {
                return Record("authorization_code", clientId, null, TokenOutcome.Refused("invalid_grant", "The code passed is incorrect or expired."));
            }

            if (pending.RedirectUri is not null && redirectUri != pending.RedirectUri)
            {
                return Record("authorization_code", clientId, null, TokenOutcome.Refused("invalid_grant", "The redirect_uri does not match the one the code was issued for."));
            }

            bool? pkce = null;
            if (pending.CodeChallenge is { } challenge)
            {
                pkce = codeVerifier is not null && Pkce.ChallengeOf(codeVerifier) == challenge;
                if (pkce == false)
                {
                    return Record("authorization_code", clientId, false, TokenOutcome.Refused("invalid_grant", "The code_verifier does not match the code_challenge."));
                }
            }

            var now = clock.GetUtcNow();
            var grant = new OAuthGrant<TUser>(Guid.NewGuid().ToString(), client.ClientId, pending.User, pending.Scopes, now)
            {
                AccessToken = newAccessToken(),
                AccessExpiresAt = now + AccessTokenLifetime,
                RefreshToken = newRefreshToken(),
                RefreshExpiresAt = now + RefreshTokenLifetime,
            };
            _grants.Add(grant);
            return Record("authorization_code", clientId, pkce, TokenOutcome.Issued(grant));
        }
    }

    internal TokenOutcome Refresh(string? clientId, string? clientSecret, string? refreshToken)
    {
        lock (_lock)
        {
            if (ClientOf(clientId, clientSecret) is not { } client)
            {
                return Record("refresh_token", clientId, null, TokenOutcome.Refused("invalid_client", "The client_id and/or client_secret passed are incorrect."));
            }

            var now = clock.GetUtcNow();
            var grant = _grants.SingleOrDefault(g => g.ClientId == client.ClientId && g.RefreshToken == refreshToken && g.RevokedAt is null);
            if (grant is null || grant.RefreshExpiresAt <= now)
            {
                return Record("refresh_token", clientId, null, TokenOutcome.Refused("invalid_grant", "The refresh token passed is incorrect or expired."));
            }

            grant.AccessToken = newAccessToken();
            grant.AccessExpiresAt = now + AccessTokenLifetime;
            if (RotatesRefreshTokens)
            {
                grant.RefreshToken = newRefreshToken();
                grant.RefreshExpiresAt = now + RefreshTokenLifetime;
            }

            grant.Refreshes++;
            return Record("refresh_token", clientId, null, TokenOutcome.Issued(grant));
        }
    }

    /// <summary>Revokes the grant a token (access or refresh) belongs to, when the client owns it; false when there is none.</summary>
    internal bool Revoke(string? clientId, string? clientSecret, string? token)
    {
        lock (_lock)
        {
            var grant = ClientOf(clientId, clientSecret) is { } client
                ? _grants.SingleOrDefault(g => g.ClientId == client.ClientId && g.RevokedAt is null && (g.AccessToken == token || g.RefreshToken == token))
                : null;
            return grant is not null && Revoke(grant);
        }
    }

    /// <summary>Ends the grant, as the person does in the vendor's settings or a client does through the API.</summary>
    public bool Revoke(OAuthGrant<TUser> grant)
    {
        lock (_lock)
        {
            if (grant.RevokedAt is not null)
            {
                return false;
            }

            grant.RevokedAt = clock.GetUtcNow();
            return true;
        }
    }

    internal bool IsClient(string? clientId, string? clientSecret)
    {
        lock (_lock)
        {
            return ClientOf(clientId, clientSecret) is not null;
        }
    }

    /// <summary>For a vendor whose token endpoint takes the secret without the id (Heroku).</summary>
    internal string? ClientIdOfSecret(string? clientSecret)
    {
        lock (_lock)
        {
            return _clients.Values.FirstOrDefault(c => c.ClientSecret == clientSecret)?.ClientId;
        }
    }

    internal OAuthClient? FindClient(string clientId)
    {
        lock (_lock)
        {
            return _clients.GetValueOrDefault(clientId);
        }
    }

    private OAuthClient? ClientOf(string? clientId, string? clientSecret) =>
        _clients.GetValueOrDefault(clientId ?? "") is { } client
            && clientSecret is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(client.ClientSecret), Encoding.UTF8.GetBytes(clientSecret))
            ? client
            : null;

    private TokenOutcome Record(string grantType, string? clientId, bool? pkceVerified, TokenOutcome outcome)
    {
        _tokenRequests.Add(new TokenRequest(grantType, clientId, pkceVerified, outcome.Error));
        return outcome;
    }

    private static Uri With(Uri redirectUri, params (string Name, string? Value)[] parameters) =>
        new(QueryHelpers.AddQueryString(redirectUri.AbsoluteUri, parameters.Where(p => p.Value is not null).Select(p => KeyValuePair.Create(p.Name, p.Value))));

    /// <summary>The grant whose tokens were issued, or the OAuth error and its description.</summary>
    internal sealed record TokenOutcome(OAuthGrant<TUser>? Grant, string? Error, string? Description)
    {
        public static TokenOutcome Issued(OAuthGrant<TUser> grant) => new(grant, null, null);

        public static TokenOutcome Refused(string error, string description) => new(null, error, description);
    }

    private sealed record PendingCode(string ClientId, TUser User, string? RedirectUri, IReadOnlyList<string> Scopes, string? CodeChallenge, DateTimeOffset ExpiresAt);
}

/// <summary>PKCE's S256 method (RFC 7636 §4.2).</summary>
public static class Pkce
{
    /// <summary>The challenge of a verifier: base64url of its SHA-256, without padding.</summary>
    public static string ChallengeOf(string codeVerifier) => WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(codeVerifier)));
}

/// <summary>A registered application: its id, its secret and the one callback URL it may be sent back to.</summary>
public sealed record OAuthClient(string ClientId, string ClientSecret, Uri RedirectUri);

/// <summary>One person's authorization of one application, with its current tokens.</summary>
public sealed class OAuthGrant<TUser>(string id, string clientId, TUser user, IReadOnlyList<string> scopes, DateTimeOffset createdAt)
{
    public string Id { get; } = id;

    public string ClientId { get; } = clientId;

    public TUser User { get; } = user;

    public IReadOnlyList<string> Scopes { get; } = scopes;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public required string AccessToken { get; set; }

    public DateTimeOffset AccessExpiresAt { get; set; }

    public required string RefreshToken { get; set; }

    public DateTimeOffset? RefreshExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>How many times the refresh token was exchanged for a new access token.</summary>
    public int Refreshes { get; set; }
}

/// <summary>What a client sent to the token endpoint and how it was answered.</summary>
/// <param name="PkceVerified">For a code issued with a challenge: whether the verifier matched; null when no challenge was made.</param>
/// <param name="Error">The OAuth error code the request got, or null when tokens were issued.</param>
public sealed record TokenRequest(string GrantType, string? ClientId, bool? PkceVerified, string? Error);

internal sealed record AuthorizeRequest(string? ClientId, string? RedirectUri, string? ResponseType, string? Scope, string? State, string? CodeChallenge, string? CodeChallengeMethod);

/// <summary>Where the authorize page sends the browser, or the page it shows instead.</summary>
internal sealed record AuthorizeOutcome(Uri? RedirectTo, int Status, string? Message)
{
    public static AuthorizeOutcome Redirect(Uri to) => new(to, 302, null);

    public static AuthorizeOutcome Page(int status, string message) => new(null, status, message);

    public IResult ToResult() => RedirectTo is { } to
        ? Results.Redirect(to.AbsoluteUri)
        : Results.Content($"<!DOCTYPE html><html><body><p>{System.Net.WebUtility.HtmlEncode(Message)}</p></body></html>", "text/html", Encoding.UTF8, Status);
}

