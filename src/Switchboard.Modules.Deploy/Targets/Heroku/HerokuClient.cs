using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Switchboard.Core.Errors;

namespace Switchboard.Modules.Deploy.Targets.Heroku;

/// <summary>
/// The Platform API calls the <c>heroku</c> target makes, each with the token of the person it acts for.
/// Every request carries the version in <c>Accept</c> (https://devcenter.heroku.com/articles/platform-api-reference#clients);
/// refusals and outages come back as <see cref="Error"/>s. Nothing is retried: a repeated build or promotion would ship twice.
/// </summary>
internal sealed class HerokuClient(HttpClient http)
{
    public const string MediaType = "application/vnd.heroku+json; version=3";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public Task<HerokuAnswer<HerokuAppResource>> GetAppAsync(string token, string app, CancellationToken cancellationToken) =>
        SendAsync<HerokuAppResource>(token, HttpMethod.Get, $"apps/{Escape(app)}", null, cancellationToken);

    public Task<HerokuAnswer<HerokuBuildResource>> CreateBuildAsync(string token, string app, Uri source, string version, CancellationToken cancellationToken) =>
        SendAsync<HerokuBuildResource>(token, HttpMethod.Post, $"apps/{Escape(app)}/builds", new { source_blob = new { url = source.AbsoluteUri, version } }, cancellationToken);

    public Task<HerokuAnswer<HerokuBuildResource>> GetBuildAsync(string token, string app, Guid build, CancellationToken cancellationToken) =>
        SendAsync<HerokuBuildResource>(token, HttpMethod.Get, $"apps/{Escape(app)}/builds/{build}", null, cancellationToken);

    /// <summary>
    /// Reads the build's output stream to its end, one line at a time. The stream's address is its own credential
    /// and lives on another host, so the person's token is not sent there.
    /// </summary>
    public async Task<Error?> ReadOutputAsync(Uri stream, Func<string, Task> line, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(stream, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return HerokuTargetErrors.Unavailable($"the build's output stream answered {(int)response.StatusCode}");
            }

            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
            while (await reader.ReadLineAsync(cancellationToken) is { } next)
            {
                await line(next);
            }

            return null;
        }
        catch (HttpRequestException exception)
        {
            return HerokuTargetErrors.Unavailable(exception.HttpRequestError.ToString());
        }
    }

    /// <summary>The newest releases first, one page (https://devcenter.heroku.com/articles/platform-api-reference#ranges).</summary>
    public Task<HerokuAnswer<List<HerokuReleaseResource>>> ListReleasesAsync(string token, string app, int max, CancellationToken cancellationToken) =>
        SendAsync<List<HerokuReleaseResource>>(
            token, HttpMethod.Get, $"apps/{Escape(app)}/releases", null, cancellationToken, range: $"version ..; max={max}, order=desc");

    /// <param name="release">The release's id or its version number.</param>
    public Task<HerokuAnswer<HerokuReleaseResource>> GetReleaseAsync(string token, string app, string release, CancellationToken cancellationToken) =>
        SendAsync<HerokuReleaseResource>(token, HttpMethod.Get, $"apps/{Escape(app)}/releases/{Escape(release)}", null, cancellationToken);

    /// <summary>Rolls back: a new release with the slug and configuration of the one given.</summary>
    public Task<HerokuAnswer<HerokuReleaseResource>> RollbackAsync(string token, string app, Guid release, CancellationToken cancellationToken) =>
        SendAsync<HerokuReleaseResource>(token, HttpMethod.Post, $"apps/{Escape(app)}/releases", new { release = release.ToString() }, cancellationToken);

    public Task<HerokuAnswer<List<HerokuCouplingResource>>> ListCouplingsAsync(string token, string pipeline, CancellationToken cancellationToken) =>
        SendAsync<List<HerokuCouplingResource>>(token, HttpMethod.Get, $"pipelines/{Escape(pipeline)}/pipeline-couplings", null, cancellationToken);

    /// <summary>Promotes the source app's current release to the target app (both by id, as the API requires).</summary>
    public Task<HerokuAnswer<HerokuPromotionResource>> PromoteAsync(string token, Guid pipeline, Guid source, Guid target, CancellationToken cancellationToken) =>
        SendAsync<HerokuPromotionResource>(
            token,
            HttpMethod.Post,
            "pipeline-promotions",
            new { pipeline = new { id = pipeline }, source = new { app = new { id = source } }, targets = new[] { new { app = new { id = target } } } },
            cancellationToken);

    public Task<HerokuAnswer<HerokuPromotionResource>> GetPromotionAsync(string token, Guid promotion, CancellationToken cancellationToken) =>
        SendAsync<HerokuPromotionResource>(token, HttpMethod.Get, $"pipeline-promotions/{promotion}", null, cancellationToken);

    public Task<HerokuAnswer<List<HerokuPromotionTargetResource>>> ListPromotionTargetsAsync(string token, Guid promotion, CancellationToken cancellationToken) =>
        SendAsync<List<HerokuPromotionTargetResource>>(token, HttpMethod.Get, $"pipeline-promotions/{promotion}/promotion-targets", null, cancellationToken);

    public Task<HerokuAnswer<List<HerokuDynoResource>>> ListDynosAsync(string token, string app, CancellationToken cancellationToken) =>
        SendAsync<List<HerokuDynoResource>>(token, HttpMethod.Get, $"apps/{Escape(app)}/dynos", null, cancellationToken);

    public Task<HerokuAnswer<List<HerokuAddOnResource>>> ListAddOnsAsync(string token, string app, CancellationToken cancellationToken) =>
        SendAsync<List<HerokuAddOnResource>>(token, HttpMethod.Get, $"apps/{Escape(app)}/addons", null, cancellationToken);

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private async Task<HerokuAnswer<T>> SendAsync<T>(
        string token, HttpMethod method, string path, object? body, CancellationToken cancellationToken, string? range = null)
        where T : class
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Accept.ParseAdd(MediaType);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (range is not null)
        {
            request.Headers.TryAddWithoutValidation("Range", range);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return new HerokuAnswer<T>(await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken), null);
            }

            var message = await MessageOfAsync(response, cancellationToken);
            return new HerokuAnswer<T>(null, response.StatusCode switch
            {
                HttpStatusCode.Unauthorized => HerokuTargetErrors.Unauthorized(),
                HttpStatusCode.Forbidden => HerokuTargetErrors.Forbidden(message),
                HttpStatusCode.NotFound => HerokuTargetErrors.NotFound(message),
                HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity or HttpStatusCode.Conflict => HerokuTargetErrors.Rejected(message),
                HttpStatusCode.TooManyRequests => HerokuTargetErrors.RateLimited(),
                _ => HerokuTargetErrors.Unavailable($"it answered {(int)response.StatusCode}"),
            });
        }
        catch (HttpRequestException exception)
        {
            return new HerokuAnswer<T>(null, HerokuTargetErrors.Unavailable(exception.HttpRequestError.ToString()));
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new HerokuAnswer<T>(null, HerokuTargetErrors.Unavailable("it did not answer in time"));
        }
        catch (JsonException)
        {
            return new HerokuAnswer<T>(null, HerokuTargetErrors.Unavailable("its answer was not the documented JSON"));
        }
    }

    /// <summary>Heroku's error body is <c>{"id": "not_found", "message": "..."}</c>.</summary>
    private static async Task<string> MessageOfAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var error = await response.Content.ReadFromJsonAsync<HerokuErrorBody>(Json, cancellationToken);
            return error?.Message ?? $"HTTP {(int)response.StatusCode}";
        }
        catch (JsonException)
        {
            return $"HTTP {(int)response.StatusCode}";
        }
    }

    private sealed record HerokuErrorBody(string? Id, string? Message);
}

/// <summary>What Heroku answered: the resource, or the error to show the person.</summary>
internal sealed record HerokuAnswer<T>(T? Value, Error? Error)
    where T : class;

internal sealed record HerokuIdentity(Guid Id, string? Name);

internal sealed record HerokuAppResource(Guid Id, string Name, Uri? WebUrl, DateTimeOffset? ReleasedAt);

/// <param name="Status"><c>pending</c>, <c>succeeded</c> or <c>failed</c>.</param>
internal sealed record HerokuBuildResource(Guid Id, string Status, Uri? OutputStreamUrl, HerokuIdentity? Release)
{
    public bool IsPending => Status == "pending";
}

internal sealed record HerokuUser(Guid Id, string? Email);

internal sealed record HerokuReleaseResource(Guid Id, int Version, string? Description, string? Status, bool Current, HerokuUser? User, DateTimeOffset CreatedAt);

internal sealed record HerokuCouplingResource(Guid Id, HerokuIdentity App, HerokuIdentity Pipeline, string Stage);

/// <param name="Status"><c>pending</c> or <c>completed</c>.</param>
internal sealed record HerokuPromotionResource(Guid Id, string Status);

/// <param name="Status"><c>pending</c>, <c>succeeded</c> or <c>failed</c>.</param>
internal sealed record HerokuPromotionTargetResource(Guid Id, HerokuIdentity App, string Status, string? ErrorMessage, HerokuIdentity? Release);

internal sealed record HerokuDynoResource(string Name, string Type, string State, string? Size, HerokuReleaseOfDyno? Release);

internal sealed record HerokuReleaseOfDyno(Guid Id, int Version);

internal sealed record HerokuAddOnResource(string Name, HerokuIdentity? AddonService, HerokuIdentity? Plan, string? State);
