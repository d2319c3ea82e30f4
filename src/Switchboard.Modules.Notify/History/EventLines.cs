using System.Globalization;
using Switchboard.Core.Events;
using static Switchboard.Modules.Notify.Notifications.Markdown;

namespace Switchboard.Modules.Notify.History;

/// <summary>Events as lines and fields of a reply, times in the reader's own time zone.</summary>
internal static class EventLines
{
    private const int ErrorShownInLine = 200;

    public static string Line(EventSummary e, string timeZone)
    {
        var id = e.Id is { } position ? $"**{position}**" : "(not numbered yet)";
        var about = e.Scope is null ? "" : $" · {Code(e.Scope)}{(e.Service is null ? "" : $" (service {e.Service})")}";
        return $"{id} · {Time(e.ReceivedAt, timeZone)} · {e.Source} {Code(e.Type)} · {Code(e.DedupeKey)}{about} · {Status(e, ErrorShownInLine)}";
    }

    /// <param name="errorLength">How much of a dead letter's error to show.</param>
    public static string Status(EventSummary e, int errorLength) => e.Status switch
    {
        EventStatus.Waiting => "waiting",
        EventStatus.Handled => "handled",
        EventStatus.DeadLettered => $"**dead-lettered**: {Excerpt(e.Error ?? "", errorLength)}",
    };

    public static string Time(DateTimeOffset at, string timeZone) =>
        (TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) ? TimeZoneInfo.ConvertTime(at, zone) : at)
            .ToString("MMM d HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Excerpt(string text, int length) => text.Length <= length ? text : text[..length] + "…";
}
