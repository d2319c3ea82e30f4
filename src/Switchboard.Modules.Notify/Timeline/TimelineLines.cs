using System.Globalization;
using Switchboard.Core.Catalog;
using Switchboard.Modules.Notify.Notifications;

namespace Switchboard.Modules.Notify.Timeline;

/// <summary>One timeline entry as a line of a reply, its time in the reader's own time zone.</summary>
internal static class TimelineLines
{
    public static string Line(TimelineEntry entry, string timeZone)
    {
        var when = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone)
            ? TimeZoneInfo.ConvertTime(entry.OccurredAt, zone)
            : entry.OccurredAt;
        var title = Markdown.Link(entry.Title, entry.Url);
        var by = entry.Actor is null ? "" : $" by {entry.Actor}";
        return $"{when.ToString("MMM d HH:mm", CultureInfo.InvariantCulture)} · {Kind(entry.Kind)} · {title}{by} ({entry.Source})";
    }

    public static string Kind(TimelineKind kind) => kind switch
    {
        TimelineKind.Deploy => "deploy",
        TimelineKind.Error => "error",
        TimelineKind.Merge => "merge",
        TimelineKind.AlertOpened => "alert",
        TimelineKind.AlertClosed => "alert closed",
    };
}
