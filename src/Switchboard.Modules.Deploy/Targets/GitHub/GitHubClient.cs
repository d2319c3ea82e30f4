using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Switchboard.Core.Errors;

namespace Switchboard.Modules.Deploy.Targets.GitHub;

/// <summary>
/// The GitHub REST calls deploys make, each with the token of the person they act for: archive links for a ref
/// (https://docs.github.com/en/rest/repos/contents#download-a-repository-archive-tar), deployments
/// (https://docs.github.com/en/rest/deployments/deployments) and their statuses
/// (https://docs.github.com/en/rest/deployments/statuses). Refusals and outages come back as <see cref="Error"/>s;
/// nothing is retried, as a repeated deployment request would deploy twice.
/// </summary>
internal sealed class GitHubClient(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>
    /// A link to a tarball of the ref (the default branch when null) that works without a token for a few minutes:
    /// GitHub answers 302 with it in <c>Location</c>, and the client does not follow redirects.
    /// </summary>
    public async Task<GitHubTargetAnswer<Uri>> ArchiveLinkAsync(string token, string repository, string? @ref, CancellationToken cancellationToken)
    {
        var path = $"repos/{RepositoryPath(repository)}/tarball" + (@ref is null ? "" : "/" + Uri.EscapeDataString(@ref));
        return await SendAsync(token, HttpMethod.Get, path, null, repository, response =>
            Task.FromResult(response.StatusCode == HttpStatusCode.Found && response.Headers.Location is { IsAbsoluteUri: true } location
                ? new GitHubTargetAnswer<Uri>(location, null)
                : new GitHubTargetAnswer<Uri>(null, GitHubTargetErrors.Unavailable($"it answered {(int)response.StatusCode} instead of a link to the archive"))),
            cancellationToken);
    }

    public Task<GitHubTargetAnswer<GitHubDeploymentResource>> CreateDeploymentAsync(
        string token, string repository, GitHubDeploymentRequest request, CancellationToken cancellationToken) =>
        SendAsync(token, HttpMethod.Post, $"repos/{RepositoryPath(repository)}/deployments", request, repository, async response =>
            response.StatusCode == HttpStatusCode.Accepted
                ? new GitHubTargetAnswer<GitHubDeploymentResource>(null, GitHubTargetErrors.AutoMerged(await MessageOfAsync(response, cancellationToken)))
                : new GitHubTargetAnswer<GitHubDeploymentResource>(await response.Content.ReadFromJsonAsync<GitHubDeploymentResource>(Json, cancellationToken), null),
            cancellationToken);

    /// <summary>The environment's deployments, newest first.</summary>
    public Task<GitHubTargetAnswer<List<GitHubDeploymentResource>>> ListDeploymentsAsync(
        string token, string repository, string environment, CancellationToken cancellationToken) =>
        SendAsync(token, HttpMethod.Get, $"repos/{RepositoryPath(repository)}/deployments?environment={Uri.EscapeDataString(environment)}&per_page=30", null, repository,
            async response => new GitHubTargetAnswer<List<GitHubDeploymentResource>>(
                await response.Content.ReadFromJsonAsync<List<GitHubDeploymentResource>>(Json, cancellationToken), null),
            cancellationToken);

    /// <summary>The deployment's statuses, newest first.</summary>
    public Task<GitHubTargetAnswer<List<GitHubDeploymentStatusResource>>> ListStatusesAsync(
        string token, string repository, long deployment, CancellationToken cancellationToken) =>
        SendAsync(token, HttpMethod.Get, $"repos/{RepositoryPath(repository)}/deployments/{deployment}/statuses?per_page=100", null, repository,
            async response => new GitHubTargetAnswer<List<GitHubDeploymentStatusResource>>(
                await response.Content.ReadFromJsonAsync<List<GitHubDeploymentStatusResource>>(Json, cancellationToken), null),
            cancellationToken);

    private static string RepositoryPath(string repository) =>
        string.Join('/', repository.Split('/', 2).Select(Uri.EscapeDataString));

    private async Task<GitHubTargetAnswer<T>> SendAsync<T>(
        string token,
        HttpMethod method,
        string path,
        object? body,
        string repository,
        Func<HttpResponseMessage, Task<GitHubTargetAnswer<T>>> read,
        CancellationToken cancellationToken)
        where T : class
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if ((int)response.StatusCode is >= 200 and < 400)
            {
                return await read(response);
            }

            var message = await MessageOfAsync(response, cancellationToken);
            return new GitHubTargetAnswer<T>(null, response.StatusCode switch
            {
                HttpStatusCode.Unauthorized => GitHubTargetErrors.Unauthorized(),
                HttpStatusCode.Forbidden when Header(response, "X-RateLimit-Remaining") == "0" => GitHubTargetErrors.RateLimited(),
                HttpStatusCode.TooManyRequests => GitHubTargetErrors.RateLimited(),
                HttpStatusCode.Forbidden => GitHubTargetErrors.Forbidden(message),
                HttpStatusCode.NotFound => GitHubTargetErrors.NotFound(repository),
                HttpStatusCode.Conflict => GitHubTargetErrors.ChecksNotGreen(message),
                HttpStatusCode.UnprocessableEntity => GitHubTargetErrors.UnknownRef(message),
                _ => GitHubTargetErrors.Unavailable($"it answered {(int)response.StatusCode}"),
            });
        }
        catch (HttpRequestException exception)
        {
            return new GitHubTargetAnswer<T>(null, GitHubTargetErrors.Unavailable(exception.HttpRequestError.ToString()));
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new GitHubTargetAnswer<T>(null, GitHubTargetErrors.Unavailable("it did not answer in time"));
        }
        catch (JsonException)
        {
            return new GitHubTargetAnswer<T>(null, GitHubTargetErrors.Unavailable("its answer was not the documented JSON"));
        }
    }

    /// <summary>GitHub's <c>message</c>, with the contexts that are not green when it refuses for them.</summary>
    private static async Task<string> MessageOfAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var error = await response.Content.ReadFromJsonAsync<GitHubErrorBody>(Json, cancellationToken);
            var contexts = error?.Errors?.SelectMany(e => e.Contexts ?? []).Select(c => $"{c.Context}: {c.State}").ToList() ?? [];
            return (error?.Message ?? $"HTTP {(int)response.StatusCode}") + (contexts.Count == 0 ? "" : $" ({string.Join(", ", contexts)})");
        }
        catch (JsonException)
        {
            return $"HTTP {(int)response.StatusCode}";
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private sealed record GitHubErrorBody(string? Message, List<GitHubErrorDetail>? Errors);

    private sealed record GitHubErrorDetail(List<GitHubContextState>? Contexts);

    private sealed record GitHubContextState(string Context, string State);
}

/// <summary>What GitHub answered: the resource, or the error to show the person.</summary>
internal sealed record GitHubTargetAnswer<T>(T? Value, Error? Error)
    where T : class;

/// <param name="RequiredContexts">Null to let GitHub require every context on the ref; empty to require none.</param>
internal sealed record GitHubDeploymentRequest(
    string Ref,
    string Environment,
    bool AutoMerge,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? RequiredContexts,
    object Payload,
    string Description,
    string Task = "deploy");

internal sealed record GitHubDeploymentResource(long Id, string Sha, string Ref, string Environment, DateTimeOffset CreatedAt);

/// <param name="State"><c>error</c>, <c>failure</c>, <c>inactive</c>, <c>in_progress</c>, <c>queued</c>, <c>pending</c> or <c>success</c>.</param>
internal sealed record GitHubDeploymentStatusResource(long Id, string State, string? Description, string? LogUrl, string? EnvironmentUrl, DateTimeOffset CreatedAt)
{
    public bool IsFinal => State is "success" or "failure" or "error" or "inactive";
}
