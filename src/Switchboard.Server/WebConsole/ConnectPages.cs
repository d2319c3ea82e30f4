using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Switchboard.Core.Credentials;
using Switchboard.Core.Errors;
using Switchboard.Server.Api;
using Switchboard.Server.Authentication;
using Switchboard.Server.WebConsole.Pages;

namespace Switchboard.Server.WebConsole;

/// <summary>
/// Connecting an account by OAuth: the page <c>rolodex connect</c> links to, whose Connect button (a POST, so a
/// link preview starts nothing) starts the flow and sends the browser on to the service, and the callback the
/// service sends it back to. The flow is the Rolodex's; these pages only carry the browser and this session's id to it.
/// </summary>
internal static class ConnectPages
{
    /// <summary>The services the console offers to connect, as people write them.</summary>
    public static readonly IReadOnlyDictionary<string, string> Services = new Dictionary<string, string>
    {
        ["github"] = "GitHub",
        ["heroku"] = "Heroku",
        ["pagerduty"] = "PagerDuty",
    };

    public static void MapConnectPages(this RouteGroupBuilder signedIn)
    {
        signedIn.MapGet("/connect/{service}", ShowAsync);
        signedIn.MapPost("/connect/{service}", StartAsync)
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .AddEndpointFilter(ConsoleEndpoints.RequireValidForm);
        signedIn.MapGet("/connect/{service}/callback", CompleteAsync);
    }

    private static async Task<IResult> ShowAsync(string service, HttpContext context, ClaimsPrincipal user, ConsolePages pages)
    {
        var frame = await pages.FrameAsync(context, user);
        return Services.TryGetValue(service, out var name)
            ? new RazorComponentResult<ConnectPage>(new { Frame = frame, Service = service, ServiceName = name })
            : new RazorComponentResult<ReplyPage>(new { Title = "Connect", Frame = frame, Error = NotConnectable(service) }) { StatusCode = StatusCodes.Status404NotFound };
    }

    private static async Task<IResult> StartAsync(string service, HttpContext context, ClaimsPrincipal user, IAccountConnections connections, ConsolePages pages)
    {
        var actor = PersonClaims.ActorFrom(user, Core.Commands.FrontEnd.Web, Core.Commands.AssuranceLevel.Identified);
        var started = await connections.StartAsync(actor.PersonId, PersonClaims.SessionOf(user), service, context.RequestAborted);
        return started.AuthorizeUrl is { } authorize
            ? new RazorComponentResult<ConnectPage>(new
            {
                Frame = await pages.FrameAsync(context, user),
                Service = service,
                ServiceName = Services.GetValueOrDefault(service, service),
                AuthorizeUrl = authorize,
            })
            : await ErrorPageAsync(service, started.Error!, context, user, pages);
    }

    private static async Task<IResult> CompleteAsync(
        string service,
        [FromQuery] string? code,
        [FromQuery] string? state,
        [FromQuery] string? error,
        HttpContext context,
        ClaimsPrincipal user,
        IAccountConnections connections,
        ConsolePages pages)
    {
        var actor = PersonClaims.ActorFrom(user, Core.Commands.FrontEnd.Web, Core.Commands.AssuranceLevel.Identified);
        var result = await connections.CompleteAsync(
            actor.PersonId, PersonClaims.SessionOf(user), service, new AuthorizationResponse(code, state, error), context.RequestAborted);
        return new RazorComponentResult<ReplyPage>(new
        {
            Title = "Connect " + Services.GetValueOrDefault(service, service),
            Frame = await pages.FrameAsync(context, user),
            result.Reply,
            result.Error,
        })
        {
            StatusCode = result.Error is { } refusal ? ErrorResults.StatusFor(refusal.Kind) : StatusCodes.Status200OK,
        };
    }

    private static async Task<IResult> ErrorPageAsync(string service, Error error, HttpContext context, ClaimsPrincipal user, ConsolePages pages) =>
        new RazorComponentResult<ReplyPage>(new { Title = "Connect " + Services.GetValueOrDefault(service, service), Frame = await pages.FrameAsync(context, user), Error = error })
        {
            StatusCode = ErrorResults.StatusFor(error.Kind),
        };

    private static Error NotConnectable(string service) =>
        Error.NotFound("console.not-connectable", $"The console connects accounts on {string.Join(", ", Services.Values)}; '{service}' is not one of them.");
}
