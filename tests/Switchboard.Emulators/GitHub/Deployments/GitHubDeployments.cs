using System.Security.Cryptography;

namespace Switchboard.Emulators.GitHub.Deployments;

/// <summary>
/// What the emulated GitHub knows about code and its deployments: repositories' refs and the commit contexts on
/// their shas (for <c>required_contexts</c>), the archive links it hands out (valid for <see cref="ArchiveLinkLifetime"/>),
/// deployments with the account that created each, and their statuses. A team's own deployer is scripted with
/// <see cref="ScriptDeployer"/>: it posts its next status whenever a deployment's statuses are read.
/// </summary>
public sealed class GitHubDeployments(TimeProvider clock)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, GitHubRepository> _repositories = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<GitHubDeployment> _deployments = [];
    private readonly List<ArchiveLink> _archiveLinks = [];
    private readonly Queue<(string State, string? Description)> _deployerScript = new();
    private long _nextDeploymentId = 1_100_000_001;
    private long _nextStatusId = 2_200_000_001;

    /// <summary>How long an archive link from <c>GET /repos/{o}/{r}/tarball/{ref}</c> works; GitHub's last minutes, not hours.</summary>
    public TimeSpan ArchiveLinkLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The account of the team's deployer that posts the scripted statuses.</summary>
    public GitHubUser Deployer { get; } = new(9_100_001, "acme-deployer[bot]", null, null, clock.GetUtcNow());

    public IReadOnlyList<GitHubDeployment> All
    {
        get
        {
            lock (_lock)
            {
                return [.. _deployments];
            }
        }
    }

    /// <summary>Every archive link handed out, oldest first, with whether it was downloaded.</summary>
    public IReadOnlyList<ArchiveLink> ArchiveLinks
    {
        get
        {
            lock (_lock)
            {
                return [.. _archiveLinks];
            }
        }
    }

    /// <summary>Points a branch or tag of the repository (<c>owner/repo</c>) at a commit; returns its sha (a new one unless given).</summary>
    public string SetRef(string repository, string @ref, string? sha = null, string defaultBranch = "main")
    {
        sha ??= Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        lock (_lock)
        {
            if (!_repositories.TryGetValue(repository, out var repo))
            {
                repo = new GitHubRepository(repository, defaultBranch);
                _repositories.Add(repository, repo);
            }

            repo.Refs[@ref] = sha;
            repo.Commits.Add(sha);
        }

        return sha;
    }

    /// <summary>A commit status or check run's conclusion on the sha, by its context name: <c>success</c>, <c>failure</c>, <c>pending</c>.</summary>
    public void SetContext(string repository, string sha, string context, string state)
    {
        lock (_lock)
        {
            _repositories[repository].Contexts[(sha, context)] = state;
        }
    }

    /// <summary>The statuses the team's deployer posts, one each time a deployment's statuses are read, in this order.</summary>
    public void ScriptDeployer(params (string State, string? Description)[] statuses)
    {
        lock (_lock)
        {
            foreach (var status in statuses)
            {
                _deployerScript.Enqueue(status);
            }
        }
    }

    internal GitHubRepository? FindRepository(string repository)
    {
        lock (_lock)
        {
            return _repositories.GetValueOrDefault(repository);
        }
    }

    /// <summary>The sha a branch, tag or full sha names, or null for a ref the repository does not have.</summary>
    internal string? Resolve(GitHubRepository repository, string @ref)
    {
        lock (_lock)
        {
            var name = @ref.StartsWith("refs/heads/", StringComparison.Ordinal) ? @ref["refs/heads/".Length..]
                : @ref.StartsWith("refs/tags/", StringComparison.Ordinal) ? @ref["refs/tags/".Length..]
                : @ref;
            return repository.Refs.TryGetValue(name, out var sha) ? sha
                : repository.Commits.FirstOrDefault(s => s.Equals(@ref, StringComparison.OrdinalIgnoreCase));
        }
    }

    internal IReadOnlyList<(string Context, string State)> ContextsOn(GitHubRepository repository, string sha)
    {
        lock (_lock)
        {
            return repository.Contexts.Where(c => c.Key.Sha == sha).Select(c => (c.Key.Context, c.Value)).ToList();
        }
    }

    internal GitHubDeployment Create(GitHubRepository repository, string sha, string @ref, string environment, string task, bool autoMerge,
        IReadOnlyList<string>? requiredContexts, string? payload, string? description, GitHubUser? creator)
    {
        lock (_lock)
        {
            var deployment = new GitHubDeployment(
                _nextDeploymentId++, repository.FullName, sha, @ref, environment, task, autoMerge, requiredContexts, payload, description, creator, clock.GetUtcNow());
            _deployments.Add(deployment);
            return deployment;
        }
    }

    internal GitHubDeployment? Find(string repository, long id)
    {
        lock (_lock)
        {
            return _deployments.SingleOrDefault(d => d.Id == id && d.Repository.Equals(repository, StringComparison.OrdinalIgnoreCase));
        }
    }

    internal GitHubDeploymentStatus AddStatus(GitHubDeployment deployment, string state, string? description, string? logUrl, string? environmentUrl, GitHubUser? creator)
    {
        lock (_lock)
        {
            var status = new GitHubDeploymentStatus(_nextStatusId++, state, description, logUrl, environmentUrl, creator, clock.GetUtcNow());
            deployment.StatusList.Add(status);
            return status;
        }
    }

    /// <summary>The deployment's statuses, newest first, after the scripted deployer has posted its next one.</summary>
    internal IReadOnlyList<GitHubDeploymentStatus> ReadStatuses(GitHubDeployment deployment)
    {
        lock (_lock)
        {
            if (_deployerScript.TryDequeue(out var next))
            {
                deployment.StatusList.Add(new GitHubDeploymentStatus(_nextStatusId++, next.State, next.Description, null, null, Deployer, clock.GetUtcNow()));
            }

            return deployment.StatusList.AsEnumerable().Reverse().ToList();
        }
    }

    internal ArchiveLink IssueArchiveLink(GitHubRepository repository, string sha)
    {
        lock (_lock)
        {
            var link = new ArchiveLink(NewArchiveToken(), repository.FullName, sha, clock.GetUtcNow() + ArchiveLinkLifetime);
            _archiveLinks.Add(link);
            return link;
        }
    }

    internal ArchiveLink? FindLiveArchiveLink(string token)
    {
        lock (_lock)
        {
            return _archiveLinks.SingleOrDefault(l => l.Token == token && l.ExpiresAt > clock.GetUtcNow());
        }
    }

    private static string NewArchiveToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}

internal sealed class GitHubRepository(string fullName, string defaultBranch)
{
    public string FullName { get; } = fullName;

    public string DefaultBranch { get; } = defaultBranch;

    public Dictionary<string, string> Refs { get; } = new(StringComparer.Ordinal);

    /// <summary>Every sha a ref has pointed at: a commit stays reachable by its sha after its branch moves on.</summary>
    public HashSet<string> Commits { get; } = new(StringComparer.Ordinal);

    public Dictionary<(string Sha, string Context), string> Contexts { get; } = [];
}

/// <param name="creator">Whose token created it: the user of an OAuth grant, null for a personal access token.</param>
public sealed class GitHubDeployment(
    long id, string repository, string sha, string @ref, string environment, string task, bool autoMerge,
    IReadOnlyList<string>? requiredContexts, string? payload, string? description, GitHubUser? creator, DateTimeOffset createdAt)
{
    public long Id { get; } = id;

    public string Repository { get; } = repository;

    public string Sha { get; } = sha;

    public string Ref { get; } = @ref;

    public string Environment { get; } = environment;

    public string Task { get; } = task;

    public bool AutoMerge { get; } = autoMerge;

    /// <summary>As sent: null when the request left it out (every context must pass), empty to check none.</summary>
    public IReadOnlyList<string>? RequiredContexts { get; } = requiredContexts;

    /// <summary>The payload as JSON text, as sent.</summary>
    public string? Payload { get; } = payload;

    public string? Description { get; } = description;

    public GitHubUser? Creator { get; } = creator;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    /// <summary>Oldest first.</summary>
    public IReadOnlyList<GitHubDeploymentStatus> Statuses => [.. StatusList];

    internal List<GitHubDeploymentStatus> StatusList { get; } = [];
}

/// <param name="State"><c>error</c>, <c>failure</c>, <c>inactive</c>, <c>in_progress</c>, <c>queued</c>, <c>pending</c> or <c>success</c>.</param>
public sealed record GitHubDeploymentStatus(long Id, string State, string? Description, string? LogUrl, string? EnvironmentUrl, GitHubUser? Creator, DateTimeOffset CreatedAt);

/// <summary>A short-lived link to a tarball of the sha; <see cref="Downloaded"/> once it was fetched while it worked.</summary>
public sealed record ArchiveLink(string Token, string Repository, string Sha, DateTimeOffset ExpiresAt)
{
    public bool Downloaded { get; internal set; }
}
