using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Server.Api;
using Switchboard.Server.Authentication;
using Switchboard.Server.WebConsole.Pages;

namespace Switchboard.Server.WebConsole;

/// <summary>
/// The Audit page and its JSON lines download: both run <c>audit search</c> and <c>audit export</c> through
/// dispatch, so who may see which entries is decided where it is for every other front end.
/// </summary>
internal static class AuditPages
{
    public static void MapAuditPages(this RouteGroupBuilder signedIn)
    {
        signedIn.MapGet("/audit", ShowAuditAsync);
        signedIn.MapGet("/audit/export", ExportAsync);
    }

    private static async Task<IResult> ShowAuditAsync(
        [AsParameters] AuditQuery query, HttpContext context, ClaimsPrincipal user, CommandDispatcher dispatcher, ConsolePages pages)
    {
        var result = await RunAsync("audit search", query, user, dispatcher, context.RequestAborted);
        return new RazorComponentResult<AuditPage>(new
        {
            Frame = await pages.FrameAsync(context, user),
            Query = query,
            result.Reply,
            result.Error,
        })
        {
            StatusCode = result.IsSuccess ? StatusCodes.Status200OK : ErrorResults.StatusFor(result.Error.Kind),
        };
    }

    private static async Task<IResult> ExportAsync(
        [AsParameters] AuditQuery query, HttpContext context, ClaimsPrincipal user, CommandDispatcher dispatcher, ConsolePages pages)
    {
        var result = await RunAsync("audit export", query, user, dispatcher, context.RequestAborted);
        if (!result.IsSuccess)
        {
            return new RazorComponentResult<ReplyPage>(new { Title = "Audit export", Frame = await pages.FrameAsync(context, user), result.Error })
            {
                StatusCode = ErrorResults.StatusFor(result.Error.Kind),
            };
        }

        var lines = result.Reply.Blocks.OfType<TextBlock>().Select(b => b.Markdown);
        return Results.File(Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"), "application/x-ndjson", "audit.jsonl");
    }

    private static Task<CommandResult> RunAsync(
        string verb, AuditQuery query, ClaimsPrincipal user, CommandDispatcher dispatcher, CancellationToken cancellationToken)
    {
        var actor = PersonClaims.ActorFrom(user, FrontEnd.Web, AssuranceLevel.Identified);
        var arguments = new Dictionary<string, string?>
        {
            ["person"] = Blank(query.Person),
            ["command"] = Blank(query.Command),
            ["outcome"] = Blank(query.Outcome),
            ["since"] = Blank(query.Since),
            ["until"] = Blank(query.Until),
            ["limit"] = Blank(query.Limit),
        };
        return dispatcher.DispatchAsync(new CommandRequest(null, verb, arguments), actor, cancellationToken);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>The Audit page's filters, as its form sends them: the options of <c>audit search</c>. Public because the page, a component, is.</summary>
public sealed record AuditQuery(
    [FromQuery] string? Person,
    [FromQuery] string? Command,
    [FromQuery] string? Outcome,
    [FromQuery] string? Since,
    [FromQuery] string? Until,
    [FromQuery] string? Limit)
{
    /// <summary>The same filters as a query string, for the export link.</summary>
    public string ToQueryString()
    {
        var values = new Dictionary<string, string?>
        {
            ["person"] = Person,
            ["command"] = Command,
            ["outcome"] = Outcome,
            ["since"] = Since,
            ["until"] = Until,
            ["limit"] = Limit,
        };
        return QueryString.Create(values.Where(v => !string.IsNullOrWhiteSpace(v.Value))).ToUriComponent();
    }
}
