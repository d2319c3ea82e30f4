using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Switchboard.Emulators.GitHub.Checks;

/// <summary>
/// What CI reports on commits, in the shapes GitHub documents: commit statuses
/// (https://docs.github.com/en/rest/commits/statuses: create one, read the combined status of a ref) and check runs
/// (https://docs.github.com/en/rest/checks/runs: create one, list those of a ref). A ref is matched as given, so a test
/// reports on <c>main</c> or a sha alike. Either a personal access token or a user's OAuth token (<c>ghu_</c>) may call them.
/// </summary>
internal static class CommitCheckEndpoints
{
    private static readonly string[] StatusStates = ["error", "failure", "pending", "success"];

    public static void MapCommitChecks(this IEndpointRouteBuilder app, GitHubState state)
    {
        var reports = new ConcurrentDictionary<string, List<Report>>(StringComparer.OrdinalIgnoreCase);
        var repos = app.MapGroup("/api/v3/repos/{owner}/{repo}").AddEndpointFilter(async (context, next) =>
            Authorized(context.HttpContext, state) ? await next(context) : GitHubApi.Problem(StatusCodes.Status401Unauthorized, "Bad credentials"));
        repos.MapPost("/statuses/{sha}", (string owner, string repo, string sha, JsonElement body) =>
            CreateStatus(state, reports, $"{owner}/{repo}@{sha}", body));
        repos.MapGet("/commits/{reference}/status", (string owner, string repo, string reference) =>
            CombinedStatus(reports, $"{owner}/{repo}@{reference}", reference));
        repos.MapPost("/check-runs", (string owner, string repo, JsonElement body) => CreateCheckRun(state, reports, $"{owner}/{repo}", body));
        repos.MapGet("/commits/{reference}/check-runs", (string owner, string repo, string reference) =>
            CheckRuns(reports, $"{owner}/{repo}@{reference}"));
    }

    private static bool Authorized(HttpContext http, GitHubState state)
    {
        var header = http.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.StartsWith("token ", StringComparison.OrdinalIgnoreCase)
            ? header[(header.IndexOf(' ', StringComparison.Ordinal) + 1)..]
            : null;
        return token is not null && (state.FindToken(token) is not null || state.OAuth.Authenticate(token) is not null);
    }

    private static IResult CreateStatus(GitHubState state, ConcurrentDictionary<string, List<Report>> reports, string key, JsonElement body)
    {
        var stateValue = body.TryGetProperty("state", out var s) ? s.GetString() : null;
        if (stateValue is null || !StatusStates.Contains(stateValue))
        {
            return GitHubApi.Problem(StatusCodes.Status422UnprocessableEntity, "Validation Failed");
        }

        var context = body.TryGetProperty("context", out var c) ? c.GetString() ?? "default" : "default";
        var report = new Report(Kind.Status, context, stateValue, null, state.Clock.GetUtcNow());
        var list = reports.GetOrAdd(key, _ => []);
        lock (list)
        {
            list.Add(report);
        }

        return TypedResults.Json(new { id = list.Count, state = stateValue, context, created_at = report.At }, GitHubApi.Json, statusCode: StatusCodes.Status201Created);
    }

    private static JsonHttpResult<object> CombinedStatus(ConcurrentDictionary<string, List<Report>> reports, string key, string reference)
    {
        var latest = Latest(reports, key, Kind.Status);
        var combined = latest.Count == 0 ? "pending"
            : latest.Any(r => r.State is "error" or "failure") ? "failure"
            : latest.All(r => r.State == "success") ? "success"
            : "pending";
        return TypedResults.Json<object>(
            new
            {
                state = combined,
                sha = reference,
                total_count = latest.Count,
                statuses = latest.Select(r => new { context = r.Context, state = r.State, created_at = r.At, updated_at = r.At }),
            },
            GitHubApi.Json);
    }

    private static IResult CreateCheckRun(GitHubState state, ConcurrentDictionary<string, List<Report>> reports, string repository, JsonElement body)
    {
        var name = body.TryGetProperty("name", out var n) ? n.GetString() : null;
        var headSha = body.TryGetProperty("head_sha", out var h) ? h.GetString() : null;
        if (name is null || headSha is null)
        {
            return GitHubApi.Problem(StatusCodes.Status422UnprocessableEntity, "Validation Failed");
        }

        var status = body.TryGetProperty("status", out var st) ? st.GetString() ?? "queued" : "queued";
        var conclusion = body.TryGetProperty("conclusion", out var co) ? co.GetString() : null;
        if (conclusion is not null)
        {
            status = "completed";
        }

        var report = new Report(Kind.CheckRun, name, status, conclusion, state.Clock.GetUtcNow());
        var list = reports.GetOrAdd($"{repository}@{headSha}", _ => []);
        lock (list)
        {
            list.Add(report);
        }

        return TypedResults.Json(new { id = list.Count, name, head_sha = headSha, status, conclusion }, GitHubApi.Json, statusCode: StatusCodes.Status201Created);
    }

    private static JsonHttpResult<object> CheckRuns(ConcurrentDictionary<string, List<Report>> reports, string key)
    {
        var runs = Latest(reports, key, Kind.CheckRun);
        return TypedResults.Json<object>(
            new
            {
                total_count = runs.Count,
                check_runs = runs.Select(r => new { name = r.Context, status = r.State, conclusion = r.Conclusion, started_at = r.At }),
            },
            GitHubApi.Json);
    }

    /// <summary>The latest report of each context, as GitHub shows them.</summary>
    private static List<Report> Latest(ConcurrentDictionary<string, List<Report>> reports, string key, Kind kind)
    {
        if (!reports.TryGetValue(key, out var list))
        {
            return [];
        }

        lock (list)
        {
            return [.. list.Where(r => r.Kind == kind).GroupBy(r => r.Context, StringComparer.Ordinal).Select(g => g.Last())];
        }
    }

    private enum Kind
    {
        Status,
        CheckRun,
    }

    private sealed record Report(Kind Kind, string Context, string State, string? Conclusion, DateTimeOffset At);
}
