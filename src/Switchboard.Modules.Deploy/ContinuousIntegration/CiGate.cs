using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Switchboard.Core.Credentials;
using Switchboard.Core.Errors;
using Switchboard.Core.People;

namespace Switchboard.Modules.Deploy.ContinuousIntegration;

/// <summary>
/// Whether CI is green on a ref, read from GitHub as the requester with their own token: each required context
/// must be reported, and every report of it must be a success, in the combined commit status
/// (https://docs.github.com/en/rest/commits/statuses) and in the check runs (https://docs.github.com/en/rest/checks/runs).
/// A context reported nowhere is not green.
/// </summary>
internal sealed class CiGate(HttpClient http, IServiceCredentials credentials)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public async Task<Error?> RefusalAsync(
        string repository, string reference, IReadOnlyList<string> requiredContexts, PersonId person, CancellationToken cancellationToken)
    {
        var token = await credentials.GetAsync(person, "github", cancellationToken);
        if (token.Credential is not { } credential)
        {
            return DeployErrors.GitHubNotConnected(token.Error?.Detail ?? "no GitHub token");
        }

        var path = $"repos/{repository}/commits/{Uri.EscapeDataString(reference)}";
        var (status, statusError) = await GetAsync<CombinedStatus>($"{path}/status", credential.Value, repository, cancellationToken);
        if (statusError is not null)
        {
            return statusError;
        }

        var (checks, checksError) = await GetAsync<CheckRunList>($"{path}/check-runs?per_page=100", credential.Value, repository, cancellationToken);
        if (checksError is not null)
        {
            return checksError;
        }

        var reports = status!.Statuses.Select(s => (Context: s.Context, Result: s.State))
            .Concat(checks!.CheckRuns.Select(c => (Context: c.Name, Result: c.Status == "completed" ? c.Conclusion ?? "none" : c.Status)))
            .ToList();
        var problems = new List<string>();
        foreach (var context in requiredContexts)
        {
            var results = reports.Where(r => string.Equals(r.Context, context, StringComparison.Ordinal)).Select(r => r.Result).ToList();
            if (results.Count == 0)
            {
                problems.Add($"{context} has not reported");
            }
            else if (results.FirstOrDefault(r => r != "success") is { } bad)
            {
                problems.Add($"{context} is {bad}");
            }
        }

        return problems.Count == 0 ? null : DeployErrors.CiNotGreen(reference, problems);
    }

    private async Task<(T? Answer, Error? Error)> GetAsync<T>(string path, string token, string repository, CancellationToken cancellationToken)
        where T : class
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            return response.StatusCode switch
            {
                HttpStatusCode.OK => (await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken), null),
                HttpStatusCode.Unauthorized => (null, DeployErrors.GitHubNotConnected("GitHub refused your token")),
                HttpStatusCode.NotFound or HttpStatusCode.UnprocessableEntity => (null, DeployErrors.CiUnreadable(repository, "GitHub knows no such repository or ref, or your account cannot see it.")),
                _ => (null, DeployErrors.CiUnreadable(repository, $"GitHub answered {(int)response.StatusCode}; try again shortly.")),
            };
        }
        catch (HttpRequestException exception)
        {
            return (null, DeployErrors.CiUnreadable(repository, $"GitHub could not be reached ({exception.Message})."));
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, DeployErrors.CiUnreadable(repository, "GitHub did not answer in time; try again shortly."));
        }
    }

    private sealed record CombinedStatus(string State, IReadOnlyList<CommitStatus> Statuses);

    private sealed record CommitStatus(string Context, string State);

    private sealed record CheckRunList(int TotalCount, IReadOnlyList<CheckRun> CheckRuns);

    private sealed record CheckRun(string Name, string Status, string? Conclusion);
}
