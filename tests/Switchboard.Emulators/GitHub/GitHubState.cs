using Switchboard.Emulators.GitHub.Deployments;
using Switchboard.Emulators.OAuth;

namespace Switchboard.Emulators.GitHub;

/// <summary>
/// Everything the emulated GitHub knows, in memory: tokens, hooks and the deliveries made to them. Tests
/// arrange it directly; the REST endpoints read and change it. Later areas (deployments, statuses, check
/// runs, OAuth) add their collections here and their endpoints beside <c>Hooks/</c>.
/// </summary>
public sealed class GitHubState(TimeProvider clock)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, GitHubToken> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<long, GitHubHook> _hooks = [];
    private readonly List<HookDelivery> _deliveries = [];
    private long _nextHookId = 480_000_001;
    private long _nextDeliveryId = 92_000_000_001;
    private long _nextUserId = 583_231;

    public TimeProvider Clock { get; } = clock;

    /// <summary>
    /// The web application flow's grants, with expiring user tokens (<c>ghu_</c>, 8 hours) and rotating refresh
    /// tokens (<c>ghr_</c>, 6 months), as GitHub issues them to a GitHub App. Register the app with
    /// <c>OAuth.RegisterClient</c> and sign a user in with <c>OAuth.SignedIn = AddUser("octocat")</c>.
    /// </summary>
    public OAuthServer<GitHubUser> OAuth { get; } = new(clock, () => OpaqueTokens.Base62Of("ghu_", 36), () => OpaqueTokens.Base62Of("ghr_", 36))
    {
        RefreshTokenLifetime = TimeSpan.FromSeconds(15_897_600),
    };

    /// <summary>Refs, archive links, deployments and their statuses.</summary>
    public GitHubDeployments Deployments { get; } = new(clock);

    /// <summary>A GitHub account, with the next numeric id.</summary>
    public GitHubUser AddUser(string login, string? name = null, string? email = null)
    {
        lock (_lock)
        {
            return new GitHubUser(_nextUserId++, login, name, email, Clock.GetUtcNow());
        }
    }

    /// <summary>A personal access token with admin rights on the repositories (<c>owner/repo</c>) and organisations named.</summary>
    public GitHubToken AddToken(string token, params string[] adminOf)
    {
        var added = new GitHubToken(token, adminOf, Clock.GetUtcNow());
        lock (_lock)
        {
            _tokens.Add(token, added);
        }

        return added;
    }

    /// <summary>A repository webhook, as <c>POST /repos/{owner}/{repo}/hooks</c> would create it.</summary>
    public GitHubHook AddRepositoryHook(string repository, Uri url, string secret, params string[] events) =>
        AddHook(repository, organization: null, url, secret, events);

    /// <summary>An organisation webhook, as <c>POST /orgs/{org}/hooks</c> would create it.</summary>
    public GitHubHook AddOrganizationHook(string organization, Uri url, string secret, params string[] events) =>
        AddHook(repository: null, organization, url, secret, events);

    public GitHubHook? FindHook(long id)
    {
        lock (_lock)
        {
            return _hooks.GetValueOrDefault(id);
        }
    }

    /// <summary>Every attempt to deliver to the hook, newest first, as the deliveries API lists them.</summary>
    public IReadOnlyList<HookDelivery> DeliveriesOf(GitHubHook hook)
    {
        lock (_lock)
        {
            return _deliveries.Where(d => d.HookId == hook.Id).OrderByDescending(d => d.Id).ToList();
        }
    }

    internal GitHubToken? FindToken(string token)
    {
        lock (_lock)
        {
            return _tokens.GetValueOrDefault(token);
        }
    }

    internal IReadOnlyList<GitHubHook> HooksOf(string? repository, string? organization)
    {
        lock (_lock)
        {
            return _hooks.Values
                .Where(h => string.Equals(h.Repository, repository, StringComparison.OrdinalIgnoreCase)
                    && string.Equals(h.Organization, organization, StringComparison.OrdinalIgnoreCase))
                .OrderBy(h => h.Id)
                .ToList();
        }
    }

    internal HookDelivery Record(Func<long, HookDelivery> attempt)
    {
        lock (_lock)
        {
            var delivery = attempt(_nextDeliveryId++);
            _deliveries.Add(delivery);
            return delivery;
        }
    }

    private GitHubHook AddHook(string? repository, string? organization, Uri url, string secret, string[] events)
    {
        lock (_lock)
        {
            var hook = new GitHubHook(_nextHookId++, repository, organization, events.Length == 0 ? ["push"] : events, Clock.GetUtcNow())
            {
                Url = url,
                Secret = secret,
            };
            _hooks.Add(hook.Id, hook);
            return hook;
        }
    }
}

/// <summary>A GitHub account: its numeric id never changes, its login may.</summary>
public sealed record GitHubUser(long Id, string Login, string? Name, string? Email, DateTimeOffset CreatedAt);

/// <summary>A token GitHub accepts, and the primary rate limit it spends (5,000 requests an hour, as for a personal access token).</summary>
public sealed class GitHubToken(string value, IReadOnlyList<string> adminOf, DateTimeOffset issuedAt)
{
    public const int HourlyLimit = 5000;

    public string Value { get; } = value;

    /// <summary>The repositories (<c>owner/repo</c>) and organisations or users the token administers.</summary>
    public IReadOnlyList<string> AdminOf { get; } = adminOf;

    /// <summary>Requests left in the current hour; a test sets it to 0 to exhaust the limit.</summary>
    public int Remaining { get; set; } = HourlyLimit;

    public DateTimeOffset ResetsAt { get; set; } = issuedAt.AddHours(1);

    internal bool Administers(GitHubHook hook) => Administers(hook.Repository, hook.Organization);

    /// <summary>An owner's admin administers each of its repositories too.</summary>
    internal bool Administers(string? repository, string? organization) => repository is not null
        ? AdminOf.Any(a => a.Equals(repository, StringComparison.OrdinalIgnoreCase) || a.Equals(repository.Split('/')[0], StringComparison.OrdinalIgnoreCase))
        : AdminOf.Any(a => a.Equals(organization, StringComparison.OrdinalIgnoreCase));
}

/// <summary>A webhook on a repository or an organisation. Its address and secret may change, as on GitHub's settings page.</summary>
public sealed class GitHubHook(long id, string? repository, string? organization, IReadOnlyList<string> events, DateTimeOffset createdAt)
{
    public long Id { get; } = id;

    /// <summary><c>owner/repo</c> for a repository webhook, else null.</summary>
    public string? Repository { get; } = repository;

    /// <summary>The organisation of an organisation webhook, else null.</summary>
    public string? Organization { get; } = organization;

    public IReadOnlyList<string> Events { get; } = events;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public required Uri Url { get; set; }

    public required string Secret { get; set; }

    public bool Active { get; set; } = true;
}

/// <summary>
/// One attempt to deliver an event to a hook, with what GitHub's deliveries API shows about it. A redelivery
/// is a new attempt with a new id and the same <see cref="DeliveryGuid"/>.
/// </summary>
/// <param name="DeliveryGuid">The event's GUID, sent as <c>X-GitHub-Delivery</c> and listed as <c>guid</c>.</param>
/// <param name="StatusCode">The target's HTTP status, or 0 when GitHub could not connect or gave up waiting.</param>
/// <param name="Status"><c>OK</c> for a 2xx; otherwise what went wrong, e.g. <c>failed to connect</c>.</param>
/// <param name="Duration">Seconds spent delivering.</param>
public sealed record HookDelivery(
    long Id,
    long HookId,
    string DeliveryGuid,
    string Event,
    string? Action,
    long? RepositoryId,
    DateTimeOffset DeliveredAt,
    bool Redelivery,
    double Duration,
    int StatusCode,
    string Status,
    Uri Url,
    IReadOnlyDictionary<string, string> RequestHeaders,
    byte[] Payload,
    IReadOnlyDictionary<string, string> ResponseHeaders,
    string? ResponseBody)
{
    public bool IsOk => Status == "OK";
}
