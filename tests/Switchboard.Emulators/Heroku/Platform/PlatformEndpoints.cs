using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Switchboard.Emulators.Heroku.Platform;

/// <summary>
/// The Platform API's app resources: <c>GET /apps/{app}</c>, builds (<c>POST /apps/{app}/builds</c> from a
/// <c>source_blob.url</c> that Heroku fetches itself, then <c>pending</c> until it finishes, with its output at
/// <c>output_stream_url</c>), releases (listed in <c>Range</c> pages; <c>POST</c> with <c>release</c> rolls back),
/// dynos and add-ons. An account that is not a member of the app gets 403; an unknown app 404.
/// https://devcenter.heroku.com/articles/platform-api-reference#build
/// https://devcenter.heroku.com/articles/platform-api-reference#release
/// https://devcenter.heroku.com/articles/platform-api-reference#ranges
/// </summary>
internal static class PlatformEndpoints
{
    public static void MapPlatform(this IEndpointRouteBuilder app, HerokuState state, HttpClient sourceFetcher)
    {
        var platform = state.Platform;
        var api = app.MapGroup("/apps/{app}").RequireVersionAndToken(state);
        api.MapGet("", (string app, HttpContext http) => WithApp(platform, http, app, found => TypedResults.Json(App(found, platform))));
        api.MapPost("/builds", async (string app, HttpContext http) => await CreateBuildAsync(platform, http, app, sourceFetcher));
        api.MapGet("/builds/{id:guid}", (string app, Guid id, HttpContext http) => WithApp(platform, http, app, found =>
        {
            if (platform.FindBuild(found, id) is not { } build)
            {
                return HerokuApi.Problem(StatusCodes.Status404NotFound, "not_found", "Couldn't find that build.");
            }

            platform.Poll(build);
            return TypedResults.Json(Build(build, http));
        }));
        api.MapGet("/releases", (string app, HttpContext http) => WithApp(platform, http, app, found => ListReleases(platform, found, http)));
        api.MapGet("/releases/{idOrVersion}", (string app, string idOrVersion, HttpContext http) => WithApp(platform, http, app, found =>
            FindRelease(platform, found, idOrVersion) is { } release
                ? TypedResults.Json(Release(release, platform))
                : HerokuApi.Problem(StatusCodes.Status404NotFound, "not_found", "Couldn't find that release.")));
        api.MapPost("/releases", async (string app, HttpContext http) => await CreateReleaseAsync(platform, http, app));
        api.MapGet("/dynos", (string app, HttpContext http) => WithApp(platform, http, app, found => TypedResults.Json(Dynos(found, platform))));
        api.MapGet("/addons", (string app, HttpContext http) => WithApp(platform, http, app, found =>
            TypedResults.Json(platform.AddOnsOf(found).Select(a => new
            {
                id = a.Id,
                name = a.Name,
                addon_service = new { id = Guid.Empty, name = a.Service },
                plan = new { id = Guid.Empty, name = a.Plan },
                app = new { id = found.Id, name = found.Name },
                state = "provisioned",
                created_at = HerokuApi.Timestamp(a.CreatedAt),
            }).ToList())));

        // The stream's address is its credential, as build-output.heroku.com's is.
        app.MapGet("/streams/{id:guid}", async (Guid id, HttpContext http) =>
        {
            if (platform.FindBuild(id) is not { } build)
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            http.Response.ContentType = "text/plain; charset=utf-8";
            foreach (var line in build.Output)
            {
                await http.Response.WriteAsync(line + "\n", http.RequestAborted);
                await http.Response.Body.FlushAsync(http.RequestAborted);
            }
        });
    }

    internal static IResult WithApp(HerokuPlatform platform, HttpContext http, string idOrName, Func<HerokuApp, IResult> answer)
    {
        if (platform.FindApp(idOrName) is not { } app)
        {
            return HerokuApi.Problem(StatusCodes.Status404NotFound, "not_found", "Couldn't find that app.");
        }

        return app.Members.Contains(http.Grant().User)
            ? answer(app)
            : HerokuApi.Problem(StatusCodes.Status403Forbidden, "forbidden", $"You do not have access to the app {app.Name}.");
    }

    internal static async Task<JsonElement?> BodyAsync(HttpContext http)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<JsonElement>(http.Request.Body, cancellationToken: http.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal static string? StringAt(JsonElement body, params string[] path)
    {
        var at = body;
        foreach (var name in path)
        {
            if (at.ValueKind != JsonValueKind.Object || !at.TryGetProperty(name, out at))
            {
                return null;
            }
        }

        return at.ValueKind == JsonValueKind.String ? at.GetString() : null;
    }

    internal static object Release(HerokuRelease release, HerokuPlatform platform) => new
    {
        id = release.Id,
        version = release.Version,
        description = release.Description,
        status = "succeeded",
        current = platform.Current(release.App) == release,
        app = new { id = release.App.Id, name = release.App.Name },
        slug = release.Slug is { } slug ? new { id = slug } : null,
        user = new { id = release.User.Id, email = release.User.Email },
        created_at = HerokuApi.Timestamp(release.CreatedAt),
        updated_at = HerokuApi.Timestamp(release.CreatedAt),
    };

    private static async Task<IResult> CreateBuildAsync(HerokuPlatform platform, HttpContext http, string appName, HttpClient sourceFetcher)
    {
        if (await BodyAsync(http) is not { } body || StringAt(body, "source_blob", "url") is not { } url
            || !Uri.TryCreate(url, UriKind.Absolute, out var source))
        {
            return HerokuApi.Problem(StatusCodes.Status422UnprocessableEntity, "invalid_params", "Invalid source_blob.url provided.");
        }

        if (platform.FindApp(appName) is not { } app || !app.Members.Contains(http.Grant().User))
        {
            return WithApp(platform, http, appName, _ => Results.Empty);
        }

        var version = StringAt(body, "source_blob", "version");
        var fetched = await FetchAsync(sourceFetcher, source, http.RequestAborted);
        var failure = fetched ? platform.FailNextBuild : $" !     Unable to fetch source from: {source.GetLeftPart(UriPartial.Path)}";
        platform.FailNextBuild = null;
        List<string> output = failure is not null
            ? ["-----> Building on the Heroku-24 stack", failure, " !     Push failed"]
            : ["-----> Building on the Heroku-24 stack", "-----> Using buildpack: heroku/nodejs", "-----> Installing dependencies", "-----> Build succeeded!",
                "-----> Compressing...", "       Done: 42.1M", "-----> Launching..."];
        var build = platform.StartBuild(app, http.Grant().User, source, version, output, fails: failure is not null);
        return TypedResults.Json(Build(build, http), statusCode: StatusCodes.Status201Created);
    }

    private static async Task<bool> FetchAsync(HttpClient sourceFetcher, Uri source, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await sourceFetcher.GetAsync(source, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static object Build(HerokuBuild build, HttpContext http) => new
    {
        id = build.Id,
        app = new { id = build.App.Id, name = build.App.Name },
        status = build.Status,
        source_blob = new { url = build.SourceUrl.AbsoluteUri, version = build.SourceVersion, checksum = (string?)null },
        output_stream_url = $"{http.Request.Scheme}://{http.Request.Host}/streams/{build.Id}",
        release = build.Release is { } release ? new { id = release.Id } : null,
        slug = build.Slug is { } slug ? new { id = slug } : null,
        stack = "heroku-24",
        user = new { id = build.User.Id, email = build.User.Email },
        created_at = HerokuApi.Timestamp(build.CreatedAt),
        updated_at = HerokuApi.Timestamp(build.CreatedAt),
    };

    private static object App(HerokuApp app, HerokuPlatform platform) => new
    {
        id = app.Id,
        name = app.Name,
        owner = new { id = app.Owner.Id, email = app.Owner.Email },
        web_url = app.WebUrl.AbsoluteUri,
        stack = new { name = "heroku-24" },
        region = new { name = "us" },
        released_at = platform.Current(app) is { } current ? HerokuApi.Timestamp(current.CreatedAt) : null,
        created_at = HerokuApi.Timestamp(app.CreatedAt),
        updated_at = HerokuApi.Timestamp(app.CreatedAt),
    };

    private static List<object> Dynos(HerokuApp app, HerokuPlatform platform)
    {
        var current = platform.Current(app)!;
        return
        [
            new
            {
                id = Guid.NewGuid(),
                name = "web.1",
                type = "web",
                state = "up",
                size = "Standard-1X",
                command = "npm start",
                app = new { id = app.Id, name = app.Name },
                release = new { id = current.Id, version = current.Version },
                created_at = HerokuApi.Timestamp(current.CreatedAt),
                updated_at = HerokuApi.Timestamp(current.CreatedAt),
            },
        ];
    }

    private static HerokuRelease? FindRelease(HerokuPlatform platform, HerokuApp app, string idOrVersion) =>
        platform.ReleasesOf(app).SingleOrDefault(r => r.Id.ToString() == idOrVersion || r.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) == idOrVersion);

    /// <summary>
    /// <c>Range: version [start]..[end]; max=N, order=asc|desc</c>, a <c>]</c> before the start excluding it. A page that
    /// leaves releases out answers 206 with the next page's range in <c>Next-Range</c>.
    /// </summary>
    private static IResult ListReleases(HerokuPlatform platform, HerokuApp app, HttpContext http)
    {
        var range = ReleaseRange.Parse(http.Request.Headers.Range.ToString());
        if (range is null)
        {
            return HerokuApi.Problem(StatusCodes.Status400BadRequest, "bad_request", "Invalid Range header: sort by version.");
        }

        var ordered = range.Descending ? platform.ReleasesOf(app).Reverse() : platform.ReleasesOf(app);
        var inRange = ordered.Where(range.Includes).ToList();
        var page = inRange.Take(range.Max).ToList();
        if (inRange.Count > page.Count)
        {
            http.Response.Headers["Next-Range"] = $"version ]{page[^1].Version}..; max={range.Max}, order={(range.Descending ? "desc" : "asc")}";
            return TypedResults.Json(page.Select(r => Release(r, platform)).ToList(), statusCode: StatusCodes.Status206PartialContent);
        }

        return TypedResults.Json(page.Select(r => Release(r, platform)).ToList());
    }

    private static async Task<IResult> CreateReleaseAsync(HerokuPlatform platform, HttpContext http, string appName)
    {
        var body = await BodyAsync(http);
        return WithApp(platform, http, appName, app =>
        {
            if (body is not { } json || StringAt(json, "release") is not { } wanted)
            {
                return HerokuApi.Problem(StatusCodes.Status422UnprocessableEntity, "invalid_params", "Either release or slug is required.");
            }

            if (FindRelease(platform, app, wanted) is not { } to)
            {
                return HerokuApi.Problem(StatusCodes.Status404NotFound, "not_found", "Couldn't find that release.");
            }

            if (to.Slug is null)
            {
                return HerokuApi.Problem(StatusCodes.Status422UnprocessableEntity, "invalid_params", $"Cannot roll back to v{to.Version}: it has no slug.");
            }

            return TypedResults.Json(Release(platform.Rollback(to, http.Grant().User), platform), statusCode: StatusCodes.Status201Created);
        });
    }

    private sealed record ReleaseRange(int? Start, bool ExcludesStart, int? End, int Max, bool Descending)
    {
        public static ReleaseRange? Parse(string header)
        {
            if (header.Length == 0)
            {
                return new ReleaseRange(null, false, null, 200, false);
            }

            var parts = header.Split(';', 2, StringSplitOptions.TrimEntries);
            if (!parts[0].StartsWith("version ", StringComparison.Ordinal))
            {
                return null;
            }

            var bounds = parts[0]["version ".Length..].Trim().Split("..");
            var excludes = bounds[0].StartsWith(']');
            var start = int.TryParse(bounds[0].TrimStart(']'), out var s) ? s : (int?)null;
            var end = bounds.Length > 1 && int.TryParse(bounds[1], out var e) ? e : (int?)null;
            var max = 200;
            var descending = false;
            foreach (var option in parts.Length > 1 ? parts[1].Split(',', StringSplitOptions.TrimEntries) : [])
            {
                var pair = option.Split('=', 2, StringSplitOptions.TrimEntries);
                if (pair is ["max", var value] && int.TryParse(value, out var m))
                {
                    max = Math.Clamp(m, 1, 1000);
                }
                else if (pair is ["order", var order])
                {
                    descending = order == "desc";
                }
            }

            return new ReleaseRange(start, excludes, end, max, descending);
        }

        public bool Includes(HerokuRelease release) => Descending
            ? (Start is not { } from || (ExcludesStart ? release.Version < from : release.Version <= from)) && (End is not { } to || release.Version >= to)
            : (Start is not { } first || (ExcludesStart ? release.Version > first : release.Version >= first)) && (End is not { } last || release.Version <= last);
    }
}
