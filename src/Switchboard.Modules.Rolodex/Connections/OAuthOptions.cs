namespace Switchboard.Modules.Rolodex.Connections;

/// <summary>
/// The <c>OAuth</c> section: Switchboard's own OAuth application at each service, under <c>OAuth:GitHub</c>,
/// <c>OAuth:Heroku</c> and <c>OAuth:PagerDuty</c>. Every address defaults to the service's real one; a service
/// without a client id and secret cannot be connected. The secrets come from the environment
/// (<c>OAuth__GitHub__ClientSecret</c>) or a secret store, never from appsettings.
/// </summary>
internal sealed class OAuthOptions
{
    public const string SectionName = "OAuth";

    /// <summary>A token this close to its expiry is renewed before it is handed out.</summary>
    public TimeSpan RefreshMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a person has to authorize at the service before the flow they started lapses.</summary>
    public TimeSpan FlowLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A GitHub App's user-to-server flow (or an OAuth app's): expiring tokens with refresh tokens, PKCE.</summary>
    public OAuthProviderOptions GitHub { get; set; } = new()
    {
        AuthorizeUrl = new Uri("https://github.com/login/oauth/authorize"),
        TokenUrl = new Uri("https://github.com/login/oauth/access_token"),
        ApiBaseUrl = new Uri("https://api.github.com/"),
        Scopes = "repo read:org",
    };

    /// <summary>Heroku's web authorization flow (no PKCE); <c>identity</c> reads the account, <c>write</c> deploys.</summary>
    public OAuthProviderOptions Heroku { get; set; } = new()
    {
        AuthorizeUrl = new Uri("https://id.heroku.com/oauth/authorize"),
        TokenUrl = new Uri("https://id.heroku.com/oauth/token"),
        ApiBaseUrl = new Uri("https://api.heroku.com/"),
        Scopes = "identity write",
    };

    /// <summary>PagerDuty's OAuth 2.0 (Scoped OAuth apps) with PKCE, and its token revocation endpoint.</summary>
    public OAuthProviderOptions PagerDuty { get; set; } = new()
    {
        AuthorizeUrl = new Uri("https://identity.pagerduty.com/oauth/authorize"),
        TokenUrl = new Uri("https://identity.pagerduty.com/oauth/token"),
        RevokeUrl = new Uri("https://identity.pagerduty.com/oauth/revoke"),
        ApiBaseUrl = new Uri("https://api.pagerduty.com/"),
        Scopes = "users.read incidents.read incidents.write",
    };
}

internal sealed class OAuthProviderOptions
{
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public required Uri AuthorizeUrl { get; set; }

    public required Uri TokenUrl { get; set; }

    /// <summary>The service's REST API, ending in <c>/</c>.</summary>
    public required Uri ApiBaseUrl { get; set; }

    /// <summary>Where tokens are revoked, for a service that revokes through a token endpoint of its own (PagerDuty).</summary>
    public Uri? RevokeUrl { get; set; }

    /// <summary>What to ask for, separated by spaces, as the service names its scopes.</summary>
    public required string Scopes { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);

    public IReadOnlyList<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
