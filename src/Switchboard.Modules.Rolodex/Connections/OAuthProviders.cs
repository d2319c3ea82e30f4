namespace Switchboard.Modules.Rolodex.Connections;

/// <summary>The services a person can connect by OAuth.</summary>
internal sealed class OAuthProviders(GitHubOAuth gitHub, HerokuOAuth heroku, PagerDutyOAuth pagerDuty)
{
    public static readonly IReadOnlyList<string> Names = ["github", "heroku", "pagerduty"];

    public IReadOnlyList<OAuthProvider> All { get; } = [gitHub, heroku, pagerDuty];

    public OAuthProvider? Find(string service) => All.SingleOrDefault(p => string.Equals(p.Service, service.Trim(), StringComparison.OrdinalIgnoreCase));
}
