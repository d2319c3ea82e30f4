using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Switchboard.Core.Commands;
using Switchboard.Core.Events;
using Switchboard.Server.Api;
using Switchboard.Server.Authentication;
using Switchboard.Server.WebConsole.Pages;

namespace Switchboard.Server.WebConsole;

/// <summary>
/// The pages where operators see and repair the flow of events: recent events, one event with a Replay form,
/// and the outbox's failed deliveries with Retry buttons. Replays and retries are commands, run through the
/// console's own form, so dispatch checks and audits them as everywhere else.
/// </summary>
internal static class OperatorPages
{
    public const int PageOfEvents = 100;

    /// <summary>The spans the events page offers, as the <c>events</c> command writes them.</summary>
    public static readonly IReadOnlyDictionary<string, TimeSpan> Spans = new Dictionary<string, TimeSpan>
    {
        ["1h"] = TimeSpan.FromHours(1),
        ["24h"] = TimeSpan.FromHours(24),
        ["7d"] = TimeSpan.FromDays(7),
        ["30d"] = TimeSpan.FromDays(30),
    };

    public static void MapOperatorPages(this RouteGroupBuilder signedIn)
    {
        signedIn.MapGet("/events", ShowEventsAsync);
        signedIn.MapGet("/events/{id:long}", ShowEventAsync);
        signedIn.MapGet("/deliveries/failed", ShowFailedDeliveriesAsync);
    }

    public static string LocalTime(DateTimeOffset at, string timeZone) =>
        TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById(timeZone)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string StatusName(EventStatus status) => status switch
    {
        EventStatus.Waiting => "waiting",
        EventStatus.Handled => "handled",
        EventStatus.DeadLettered => "dead-lettered",
    };

    private static async Task<IResult> ShowEventsAsync(
        [FromQuery] string? source,
        [FromQuery] string? service,
        [FromQuery] string? since,
        HttpContext context,
        ClaimsPrincipal user,
        IEventHistory history,
        ConsolePages pages)
    {
        var frame = await pages.FrameAsync(context, user);
        var chosen = string.IsNullOrWhiteSpace(since) ? "24h" : since.Trim();
        var (events, error) = Spans.TryGetValue(chosen, out var span)
            ? await history.RecentAsync(new EventFilter(Blank(source)?.ToLowerInvariant(), Blank(service), span, PageOfEvents), context.RequestAborted)
            : (null, ConsoleErrors.InvalidSpan(chosen, Spans.Keys));
        return new RazorComponentResult<EventsPage>(new
        {
            Frame = frame,
            Source = Blank(source),
            Service = Blank(service),
            Since = chosen,
            Events = events ?? [],
            Error = error,
        })
        {
            StatusCode = error is null ? StatusCodes.Status200OK : ErrorResults.StatusFor(error.Kind),
        };
    }

    private static async Task<IResult> ShowEventAsync(long id, HttpContext context, ClaimsPrincipal user, IEventHistory history, ConsolePages pages)
    {
        var frame = await pages.FrameAsync(context, user);
        var (found, error) = await history.FindAsync(id, context.RequestAborted);
        return found is null
            ? new RazorComponentResult<ReplyPage>(new { Title = $"Event {id}", Frame = frame, Error = error }) { StatusCode = ErrorResults.StatusFor(error!.Kind) }
            : new RazorComponentResult<EventPage>(new { Frame = frame, Event = found });
    }

    private static async Task<IResult> ShowFailedDeliveriesAsync(HttpContext context, ClaimsPrincipal user, CommandDispatcher dispatcher, ConsolePages pages)
    {
        var actor = PersonClaims.ActorFrom(user, FrontEnd.Web, AssuranceLevel.Identified);
        var result = await dispatcher.DispatchAsync(new CommandRequest("deliveries failed"), actor, context.RequestAborted);
        return new RazorComponentResult<ReplyPage>(new
        {
            Title = "Failed deliveries",
            Frame = await pages.FrameAsync(context, user),
            result.Reply,
            result.Error,
        })
        {
            StatusCode = result.IsSuccess ? StatusCodes.Status200OK : ErrorResults.StatusFor(result.Error.Kind),
        };
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
