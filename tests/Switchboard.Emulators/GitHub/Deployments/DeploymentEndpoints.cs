using System.Formats.Tar;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Switchboard.Emulators.GitHub.Deployments;

/// <summary>
/// Deployments, their statuses and archive links, for a personal access token or a GitHub App's user token:
/// <c>POST /repos/{o}/{r}/deployments</c> (422 for a ref the repository lacks, 409 when a required context is not
/// green, 202 when <c>auto_merge</c> merged the default branch into the ref instead), <c>GET</c> them, <c>POST</c>/<c>GET</c>
/// <c>.../deployments/{id}/statuses</c>, and <c>GET /repos/{o}/{r}/tarball/{ref}</c>: a 302 to a link on the emulator that
/// serves a tar.gz until it expires.
/// https://docs.github.com/en/rest/deployments/deployments
/// https://docs.github.com/en/rest/deployments/statuses
/// https://docs.github.com/en/rest/repos/contents#download-a-repository-archive-tar
/// </summary>
internal static class DeploymentEndpoints
{
    private static readonly string[] States = ["error", "failure", "inactive", "in_progress", "queued", "pending", "success"];

    public static void MapDeployments(this IEndpointRouteBuilder app, GitHubState state)
    {
        var deployments = state.Deployments;
        var repos = app.MapGroup("/api/v3/repos/{owner}/{repo}").AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var presented = AuthenticationHeaderValue.TryParse(http.Request.Headers.Authorization, out var header) ? header.Parameter : null;
            if (presented is null)
            {
                return GitHubApi.Problem(StatusCodes.Status401Unauthorized, "Requires authentication");
            }

            if (state.OAuth.Authenticate(presented) is { } grant)
            {
                http.Items[typeof(GitHubUser)] = grant.User;
            }
            else if (state.FindToken(presented) is null)
            {
                return GitHubApi.Problem(StatusCodes.Status401Unauthorized, "Bad credentials");
            }

            var repository = $"{http.GetRouteValue("owner")}/{http.GetRouteValue("repo")}";
            if (deployments.FindRepository(repository) is not { } found)
            {
                return GitHubApi.NotFound();
            }

            http.Items[typeof(GitHubRepository)] = found;
            return await next(context);
        });

        // A CancellationToken parameter keeps these from binding as a RequestDelegate, which would drop the IResult.
        repos.MapPost("/deployments", async (HttpContext http, CancellationToken cancellationToken) => await CreateAsync(deployments, http));
        repos.MapGet("/deployments", (HttpContext http, string? environment, string? @ref) => Json(deployments.All
            .Where(d => d.Repository == Repository(http).FullName && (environment is null || d.Environment == environment) && (@ref is null || d.Ref == @ref))
            .OrderByDescending(d => d.Id)
            .Select(d => Deployment(d, http))
            .ToList()));
        repos.MapGet("/deployments/{id:long}", (long id, HttpContext http) => deployments.Find(Repository(http).FullName, id) is { } deployment
            ? Json(Deployment(deployment, http))
            : GitHubApi.NotFound());
        repos.MapPost("/deployments/{id:long}/statuses", async (long id, HttpContext http) => await CreateStatusAsync(deployments, id, http));
        repos.MapGet("/deployments/{id:long}/statuses", (long id, HttpContext http) => deployments.Find(Repository(http).FullName, id) is { } deployment
            ? Json(deployments.ReadStatuses(deployment).Select(s => Status(s, deployment, http)).ToList())
            : GitHubApi.NotFound());
        repos.MapGet("/tarball/{**ref}", (string @ref, HttpContext http) =>
        {
            var repository = Repository(http);
            if (deployments.Resolve(repository, @ref) is not { } sha)
            {
                return GitHubApi.NotFound();
            }

            var link = deployments.IssueArchiveLink(repository, sha);
            return TypedResults.Redirect($"{Origin(http)}/codeload/{repository.FullName}/legacy.tar.gz/{sha}?token={link.Token}");
        });

        app.MapGet("/codeload/{owner}/{repo}/legacy.tar.gz/{sha}", async (string owner, string repo, string sha, string? token, HttpContext http) =>
        {
            if (token is null || deployments.FindLiveArchiveLink(token) is not { } link || link.Sha != sha)
            {
                return Results.NotFound();
            }

            link.Downloaded = true;
            return TypedResults.File(await TarballAsync($"{owner}-{repo}-{sha[..7]}", sha), "application/x-gzip", $"{owner}-{repo}-{sha[..7]}.tar.gz");
        });
    }

    private static async Task<IResult> CreateAsync(GitHubDeployments deployments, HttpContext http)
    {
        var repository = Repository(http);
        JsonElement body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<JsonElement>(http.Request.Body, cancellationToken: http.RequestAborted);
        }
        catch (JsonException)
        {
            return GitHubApi.Problem(StatusCodes.Status400BadRequest, "Problems parsing JSON");
        }

        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("ref", out var refJson) || refJson.ValueKind != JsonValueKind.String)
        {
            return GitHubApi.Problem(StatusCodes.Status422UnprocessableEntity, "Invalid request.\n\n\"ref\" wasn't supplied.");
        }

        var @ref = refJson.GetString()!;
        if (deployments.Resolve(repository, @ref) is not { } sha)
        {
            return GitHubApi.Problem(StatusCodes.Status422UnprocessableEntity, $"No ref found for: {@ref}");
        }

        var autoMerge = !body.TryGetProperty("auto_merge", out var autoMergeJson) || autoMergeJson.ValueKind != JsonValueKind.False;
        var defaultSha = deployments.Resolve(repository, repository.DefaultBranch);
        if (autoMerge && defaultSha is not null && defaultSha != sha)
        {
            // GitHub merges the default branch into the ref and asks for the deployment again.
            return Json(new { message = $"Auto-merged {repository.DefaultBranch} into {@ref} on deployment." }, StatusCodes.Status202Accepted);
        }

        IReadOnlyList<string>? required = body.TryGetProperty("required_contexts", out var requiredJson) && requiredJson.ValueKind == JsonValueKind.Array
            ? requiredJson.EnumerateArray().Select(c => c.GetString() ?? "").ToList()
            : null;
        var contexts = deployments.ContextsOn(repository, sha);
        var failing = (required is null
                ? contexts.Where(c => c.State != "success")
                : required.Select(r => (Context: r, State: contexts.FirstOrDefault(c => c.Context == r).State ?? "pending")).Where(c => c.State != "success"))
            .ToList();
        if (failing.Count > 0)
        {
            return Json(
                new
                {
                    message = $"Conflict: Commit status checks failed for {@ref}.",
                    errors = new[] { new { contexts = failing.Select(f => new { context = f.Context, state = f.State }).ToList(), resource = "Deployment", field = "required_contexts" } },
                    documentation_url = "https://docs.github.com/rest/deployments/deployments#create-a-deployment",
                    status = "409",
                },
                StatusCodes.Status409Conflict);
        }

        var environment = body.TryGetProperty("environment", out var environmentJson) && environmentJson.ValueKind == JsonValueKind.String ? environmentJson.GetString()! : "production";
        var task = body.TryGetProperty("task", out var taskJson) && taskJson.ValueKind == JsonValueKind.String ? taskJson.GetString()! : "deploy";
        var payload = body.TryGetProperty("payload", out var payloadJson) ? payloadJson.GetRawText() : null;
        var description = body.TryGetProperty("description", out var descriptionJson) && descriptionJson.ValueKind == JsonValueKind.String ? descriptionJson.GetString() : null;
        var deployment = deployments.Create(repository, sha, @ref, environment, task, autoMerge, required, payload, description, User(http));
        return Json(Deployment(deployment, http), StatusCodes.Status201Created);
    }

    private static async Task<IResult> CreateStatusAsync(GitHubDeployments deployments, long id, HttpContext http)
    {
        if (deployments.Find(Repository(http).FullName, id) is not { } deployment)
        {
            return GitHubApi.NotFound();
        }

        JsonElement body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<JsonElement>(http.Request.Body, cancellationToken: http.RequestAborted);
        }
        catch (JsonException)
        {
            return GitHubApi.Problem(StatusCodes.Status400BadRequest, "Problems parsing JSON");
        }

        string? Text(string name) => body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (Text("state") is not { } state || !States.Contains(state))
        {
            return GitHubApi.Problem(StatusCodes.Status422UnprocessableEntity, $"Invalid request.\n\nstate must be one of {string.Join(", ", States)}.");
        }

        var status = deployments.AddStatus(deployment, state, Text("description"), Text("log_url") ?? Text("target_url"), Text("environment_url"), User(http));
        return Json(Status(status, deployment, http), StatusCodes.Status201Created);
    }

    private static GitHubRepository Repository(HttpContext http) => (GitHubRepository)http.Items[typeof(GitHubRepository)]!;

    private static GitHubUser? User(HttpContext http) => http.Items.TryGetValue(typeof(GitHubUser), out var user) ? (GitHubUser?)user : null;

    private static string Origin(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}";

    private static string RepositoryUrl(HttpContext http, string repository) => $"{Origin(http)}/api/v3/repos/{repository}";

    private static JsonHttpResult<object> Json(object value, int status = StatusCodes.Status200OK) => TypedResults.Json(value, GitHubApi.Json, statusCode: status);

    private static object? Creator(GitHubUser? user) => user is null ? null : new { login = user.Login, id = user.Id, type = user.Login.EndsWith("[bot]", StringComparison.Ordinal) ? "Bot" : "User" };

    private static object Deployment(GitHubDeployment deployment, HttpContext http)
    {
        var url = $"{RepositoryUrl(http, deployment.Repository)}/deployments/{deployment.Id}";
        return new
        {
            url,
            id = deployment.Id,
            node_id = Convert.ToBase64String(Encoding.UTF8.GetBytes($"DE_{deployment.Id}")),
            sha = deployment.Sha,
            @ref = deployment.Ref,
            task = deployment.Task,
            payload = deployment.Payload is { } payload ? JsonSerializer.Deserialize<JsonElement>(payload) : default(JsonElement?),
            original_environment = deployment.Environment,
            environment = deployment.Environment,
            description = deployment.Description,
            creator = Creator(deployment.Creator),
            created_at = deployment.CreatedAt,
            updated_at = deployment.CreatedAt,
            statuses_url = url + "/statuses",
            repository_url = RepositoryUrl(http, deployment.Repository),
            transient_environment = false,
            production_environment = deployment.Environment == "production",
        };
    }

    private static object Status(GitHubDeploymentStatus status, GitHubDeployment deployment, HttpContext http)
    {
        var deploymentUrl = $"{RepositoryUrl(http, deployment.Repository)}/deployments/{deployment.Id}";
        return new
        {
            url = $"{deploymentUrl}/statuses/{status.Id}",
            id = status.Id,
            node_id = Convert.ToBase64String(Encoding.UTF8.GetBytes($"DES_{status.Id}")),
            state = status.State,
            creator = Creator(status.Creator),
            description = status.Description ?? "",
            environment = deployment.Environment,
            target_url = status.LogUrl ?? "",
            log_url = status.LogUrl ?? "",
            environment_url = status.EnvironmentUrl ?? "",
            created_at = status.CreatedAt,
            updated_at = status.CreatedAt,
            deployment_url = deploymentUrl,
            repository_url = RepositoryUrl(http, deployment.Repository),
        };
    }

    /// <summary>A tar.gz with one top-level folder, as GitHub's legacy archives have.</summary>
    private static async Task<byte[]> TarballAsync(string folder, string sha)
    {
        using var buffer = new MemoryStream();
        await using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        await using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, $"{folder}/README.md")
            {
                DataStream = new MemoryStream(Encoding.UTF8.GetBytes($"Built from {sha}\n")),
            };
            await tar.WriteEntryAsync(entry);
        }

        return buffer.ToArray();
    }
}
