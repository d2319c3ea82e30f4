using System.Globalization;
using System.Text.RegularExpressions;

namespace Switchboard.Modules.Notify.RedeliverMissedGitHubDeliveries;

/// <summary>A webhook whose deliveries the reconciler checks: a repository's or an organisation's.</summary>
/// <param name="Repository">The repository's name, or null for an organisation webhook.</param>
internal sealed partial record WatchedHook(string Owner, string? Repository, long Id)
{
    /// <summary>The hook's path under the REST API: <c>repos/{owner}/{repo}/hooks/{id}</c> or <c>orgs/{org}/hooks/{id}</c>.</summary>
    public string ApiPath => Repository is null
        ? $"orgs/{Owner}/hooks/{Id.ToString(CultureInfo.InvariantCulture)}"
        : $"repos/{Owner}/{Repository}/hooks/{Id.ToString(CultureInfo.InvariantCulture)}";

    /// <summary><c>owner/repo:hookId</c> or <c>org:hookId</c>, as configured; null when it is neither.</summary>
    public static WatchedHook? Parse(string text)
    {
        var match = Form().Match(text.Trim());
        if (!match.Success || !long.TryParse(match.Groups["id"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
        {
            return null;
        }

        var repository = match.Groups["repo"].Success ? match.Groups["repo"].Value : null;
        return repository is "." or ".." ? null : new WatchedHook(match.Groups["owner"].Value, repository, id);
    }

    public override string ToString() =>
        $"{Owner}{(Repository is null ? "" : "/" + Repository)}:{Id.ToString(CultureInfo.InvariantCulture)}";

    // GitHub's account and repository names use letters, digits, '-', '_' and '.', so they need no escaping in a path.
    [GeneratedRegex(@"^(?<owner>[A-Za-z0-9][A-Za-z0-9-]*)(/(?<repo>[A-Za-z0-9._-]+))?:(?<id>[0-9]{1,18})$")]
    private static partial Regex Form();
}
