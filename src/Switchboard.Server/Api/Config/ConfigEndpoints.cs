using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Switchboard.Core.Catalog;
using Switchboard.Core.Commands;
using Switchboard.Core.Errors;
using Switchboard.Server.Authentication;

namespace Switchboard.Server.Api.Config;

/// <summary>Configuration as code: <c>GET /api/config</c> exports the catalog and subscriptions as YAML; <c>POST</c> applies a document.</summary>
internal static class ConfigEndpoints
{
    public const string YamlMediaType = "application/yaml";

    public static void MapConfig(this RouteGroupBuilder api)
    {
        api.MapGet("/config", ExportAsync)
            .WithName("ExportConfig")
            .WithSummary("The service catalog and every subscription as one YAML document.");
        api.MapPost("/config", ApplyAsync)
            .WithName("ApplyConfig")
            .WithSummary("Makes the catalog and subscriptions match a YAML document; ?dryRun=true only lists the changes. Admins only.");
    }

    private static async Task<IResult> ExportAsync(ICatalogConfiguration configuration, CancellationToken cancellationToken) =>
        TypedResults.Text(await configuration.ExportAsync(cancellationToken), YamlMediaType, Encoding.UTF8);

    private static async Task<Results<Ok<ConfigurationPlan>, ProblemHttpResult>> ApplyAsync(
        HttpRequest request, bool? dryRun, ClaimsPrincipal user, ICatalogConfiguration configuration, CancellationToken cancellationToken)
    {
        var actor = PersonClaims.ActorFrom(user, ApiFrontEnd.Of(request.Headers.UserAgent), AssuranceLevel.Identified);
        var isDryRun = dryRun ?? false;
        if (!actor.IsAdmin || (actor.Access == ActorAccess.ReadOnly && !isDryRun))
        {
            return Error.Forbidden("config.admins-only", "Only administrators with a read-write credential may apply configuration; anyone may export it.").ToProblem();
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var (plan, error) = await configuration.ApplyAsync(await reader.ReadToEndAsync(cancellationToken), isDryRun, actor, cancellationToken);
        return plan is null ? error!.ToProblem() : TypedResults.Ok(plan);
    }
}
