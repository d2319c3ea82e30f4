using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Switchboard.Core.Commands;
using Switchboard.Core.Deploys;
using Switchboard.Server.Api;
using Switchboard.Server.Authentication;
using Switchboard.Server.WebConsole.Pages;

namespace Switchboard.Server.WebConsole;

/// <summary>
/// The Deploys page, read through the Deploy module's <see cref="IDeployHistory"/>, and one deployment's details,
/// which run <c>deploys show</c> through dispatch like every other front end.
/// </summary>
internal static class DeployPages
{
    public static void MapDeployPages(this RouteGroupBuilder signedIn)
    {
        signedIn.MapGet("/deploys", ShowDeploysAsync);
        signedIn.MapGet("/deploys/{id:long}", ShowDeploymentAsync);
    }

    private static async Task<IResult> ShowDeploysAsync(
        [AsParameters] DeploysQuery query, HttpContext context, ClaimsPrincipal user, IDeployHistory history, ConsolePages pages)
    {
        var frame = await pages.FrameAsync(context, user);
        var timeZone = TimeZoneInfo.TryFindSystemTimeZoneById(frame.Person.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        var (overview, error) = await history.ReadAsync(Blank(query.App), Blank(query.Env), timeZone, context.RequestAborted);
        return new RazorComponentResult<DeploysPage>(new { Frame = frame, Query = query, Overview = overview, Error = error, TimeZone = timeZone })
        {
            StatusCode = error is null ? StatusCodes.Status200OK : ErrorResults.StatusFor(error.Kind),
        };
    }

    private static async Task<IResult> ShowDeploymentAsync(
        long id, HttpContext context, ClaimsPrincipal user, CommandDispatcher dispatcher, ConsolePages pages)
    {
        var actor = PersonClaims.ActorFrom(user, FrontEnd.Web, AssuranceLevel.Identified);
        var arguments = new Dictionary<string, string?> { ["id"] = id.ToString(CultureInfo.InvariantCulture) };
        var result = await dispatcher.DispatchAsync(new CommandRequest(null, "deploys show", arguments), actor, context.RequestAborted);
        var title = "Deployment #" + id.ToString(CultureInfo.InvariantCulture);
        return new RazorComponentResult<ReplyPage>(new { Title = title, Frame = await pages.FrameAsync(context, user), result.Reply, result.Error })
        {
            StatusCode = result.IsSuccess ? StatusCodes.Status200OK : ErrorResults.StatusFor(result.Error.Kind),
        };
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>The Deploys page's filters, as its form sends them. Public because the page, a component, is.</summary>
public sealed record DeploysQuery([FromQuery] string? App, [FromQuery] string? Env);
