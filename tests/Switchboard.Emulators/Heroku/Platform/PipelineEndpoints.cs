using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Switchboard.Emulators.Heroku.Platform;

/// <summary>
/// Pipelines: <c>GET /pipelines/{id}</c>, <c>GET /pipelines/{id}/pipeline-couplings</c> (each app with its stage),
/// <c>POST /pipeline-promotions</c> (<c>pipeline.id</c>, <c>source.app.id</c>, <c>targets[].app.id</c>: app ids, not names),
/// <c>GET /pipeline-promotions/{id}</c> (<c>pending</c> until <c>completed</c>) and its <c>promotion-targets</c>.
/// https://devcenter.heroku.com/articles/platform-api-reference#pipeline-promotion
/// </summary>
internal static class PipelineEndpoints
{
    public static void MapPipelines(this IEndpointRouteBuilder app, HerokuState state)
    {
        var platform = state.Platform;
        var api = app.MapGroup("").RequireVersionAndToken(state);
        api.MapGet("/pipelines/{id}", (string id) => platform.FindPipeline(id) is { } pipeline
            ? TypedResults.Json(new { id = pipeline.Id, name = pipeline.Name, created_at = HerokuApi.Timestamp(pipeline.CreatedAt), updated_at = HerokuApi.Timestamp(pipeline.CreatedAt) })
            : PipelineNotFound());
        api.MapGet("/pipelines/{id}/pipeline-couplings", (string id) => platform.FindPipeline(id) is { } pipeline
            ? TypedResults.Json(platform.CouplingsOf(pipeline).Select(c => new
            {
                id = c.Id,
                app = new { id = c.App.Id },
                pipeline = new { id = pipeline.Id },
                stage = c.Stage,
                created_at = HerokuApi.Timestamp(c.CreatedAt),
                updated_at = HerokuApi.Timestamp(c.CreatedAt),
            }).ToList())
            : PipelineNotFound());
        // A CancellationToken parameter keeps this from binding as a RequestDelegate, which would drop the IResult.
        api.MapPost("/pipeline-promotions", async (HttpContext http, CancellationToken cancellationToken) => await PromoteAsync(platform, http));
        api.MapGet("/pipeline-promotions/{id:guid}", (Guid id) =>
        {
            if (platform.FindPromotion(id) is not { } promotion)
            {
                return PromotionNotFound();
            }

            platform.Poll(promotion);
            return TypedResults.Json(Promotion(promotion));
        });
        api.MapGet("/pipeline-promotions/{id:guid}/promotion-targets", (Guid id) => platform.FindPromotion(id) is { } promotion
            ? TypedResults.Json(promotion.Targets.Select(t => new
            {
                id = t.Id,
                app = new { id = t.App.Id },
                error_message = (string?)null,
                pipeline_promotion = new { id = promotion.Id },
                release = t.Release is { } release ? new { id = release.Id } : null,
                status = t.Status,
            }).ToList())
            : PromotionNotFound());
    }

    private static async Task<IResult> PromoteAsync(HerokuPlatform platform, HttpContext http)
    {
        if (await PlatformEndpoints.BodyAsync(http) is not { } body
            || PlatformEndpoints.StringAt(body, "pipeline", "id") is not { } pipelineId
            || PlatformEndpoints.StringAt(body, "source", "app", "id") is not { } sourceId
            || !body.TryGetProperty("targets", out var targetsJson) || targetsJson.ValueKind != System.Text.Json.JsonValueKind.Array)
        {
            return HerokuApi.Problem(StatusCodes.Status422UnprocessableEntity, "invalid_params", "pipeline.id, source.app.id and targets are required.");
        }

        if (!Guid.TryParse(pipelineId, out _) || platform.FindPipeline(pipelineId) is not { } pipeline)
        {
            return PipelineNotFound();
        }

        var coupled = platform.CouplingsOf(pipeline).Select(c => c.App).ToList();
        var apps = targetsJson.EnumerateArray().Select(t => PlatformEndpoints.StringAt(t, "app", "id")).Prepend(sourceId).ToList();
        if (apps.Any(id => !Guid.TryParse(id, out var appId) || !coupled.Any(a => a.Id == appId)))
        {
            return HerokuApi.Problem(StatusCodes.Status422UnprocessableEntity, "invalid_params", "Every app must be given by its id and be coupled to the pipeline.");
        }

        var source = coupled.First(a => a.Id == Guid.Parse(sourceId));
        var targets = apps.Skip(1).Select(id => coupled.First(a => a.Id == Guid.Parse(id!))).ToList();
        var user = http.Grant().User;
        if (!source.Members.Contains(user) || targets.Any(t => !t.Members.Contains(user)))
        {
            return HerokuApi.Problem(StatusCodes.Status403Forbidden, "forbidden", "You do not have access to every app of this promotion.");
        }

        if (platform.Current(source) is not { Slug: not null } release)
        {
            return HerokuApi.Problem(StatusCodes.Status422UnprocessableEntity, "invalid_params", $"{source.Name} has no release with a slug to promote.");
        }

        return TypedResults.Json(Promotion(platform.Promote(pipeline, source, release, targets, user)), statusCode: StatusCodes.Status201Created);
    }

    private static object Promotion(HerokuPromotion promotion) => new
    {
        id = promotion.Id,
        pipeline = new { id = promotion.Pipeline.Id },
        source = new { app = new { id = promotion.Source.Id }, release = new { id = promotion.SourceRelease.Id } },
        status = promotion.Status,
        created_at = HerokuApi.Timestamp(promotion.CreatedAt),
        updated_at = (string?)null,
    };

    private static IResult PipelineNotFound() => HerokuApi.Problem(StatusCodes.Status404NotFound, "not_found", "Couldn't find that pipeline.");

    private static IResult PromotionNotFound() => HerokuApi.Problem(StatusCodes.Status404NotFound, "not_found", "Couldn't find that pipeline promotion.");
}
