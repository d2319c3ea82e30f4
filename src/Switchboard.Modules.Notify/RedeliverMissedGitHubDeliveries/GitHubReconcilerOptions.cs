using Microsoft.Extensions.Options;

namespace Switchboard.Modules.Notify.RedeliverMissedGitHubDeliveries;

/// <summary>The <c>GitHub</c> section, as far as the reconciler of missed deliveries reads it.</summary>
internal sealed class GitHubReconcilerOptions
{
    public const string SectionName = "GitHub";

    /// <summary>GitHub's REST API; <c>https://HOST/api/v3/</c> for GitHub Enterprise Server.</summary>
    public Uri ApiUrl { get; set; } = new("https://api.github.com/");

    public ReconcilerSettings Reconciler { get; set; } = new();

    /// <summary>The API's address as a base for relative paths, which needs the trailing slash.</summary>
    public Uri ApiBaseAddress => ApiUrl.AbsoluteUri.EndsWith('/') ? ApiUrl : new Uri(ApiUrl.AbsoluteUri + "/");
}

internal sealed class ReconcilerSettings
{
    /// <summary>
    /// A service credential with admin rights on every watched hook (GitHub lets only admins list and
    /// redeliver deliveries). It is nobody's personal token, is sent only to <see cref="GitHubReconcilerOptions.ApiUrl"/>
    /// and is never logged.
    /// </summary>
    public string? Token { get; set; }

    /// <summary>The hooks to watch: <c>owner/repo:hookId</c> for a repository webhook, <c>org:hookId</c> for an organisation's.</summary>
    public List<string> Hooks { get; set; } = [];

    /// <summary>How often to look for missed deliveries, besides once at start.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>Refuses to start on hooks that do not parse, hooks without a token, or an interval that would hammer GitHub.</summary>
internal sealed class GitHubReconcilerOptionsValidation : IValidateOptions<GitHubReconcilerOptions>
{
    private static readonly TimeSpan ShortestInterval = TimeSpan.FromSeconds(30);

    public ValidateOptionsResult Validate(string? name, GitHubReconcilerOptions options)
    {
        var reconciler = options.Reconciler;
        var problems = reconciler.Hooks
            .Where(h => WatchedHook.Parse(h) is null)
            .Select(h => $"GitHub:Reconciler:Hooks has '{h}'; each entry is 'owner/repo:hookId' (a repository webhook) or 'org:hookId' (an organisation webhook).")
            .ToList();
        if (reconciler.Hooks.Count > 0 && string.IsNullOrWhiteSpace(reconciler.Token))
        {
            problems.Add("GitHub:Reconciler:Token is required with GitHub:Reconciler:Hooks: a token with admin rights on those hooks.");
        }

        if (reconciler.Interval < ShortestInterval)
        {
            problems.Add($"GitHub:Reconciler:Interval must be at least {ShortestInterval.TotalSeconds} seconds.");
        }

        if (!options.ApiUrl.IsAbsoluteUri || options.ApiUrl.Scheme is not ("https" or "http"))
        {
            problems.Add("GitHub:ApiUrl must be an absolute http(s) URL, e.g. https://api.github.com.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
