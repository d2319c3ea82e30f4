using System.Globalization;
using System.Text.Json;
using Switchboard.Core.Catalog;
using Switchboard.Core.Replies;
using static Switchboard.Modules.Notify.Notifications.Markdown;

namespace Switchboard.Modules.Notify.Notifications;

/// <summary>
/// Custom sources' events (<see cref="CustomEvent"/>) as notifications of features <c>alerts</c>, <c>deploys</c>,
/// <c>changes</c> and <c>notices</c>, scoped by the service they are about (else their repository) and threaded
/// by their reference (else their change's id).
/// </summary>
internal static class CustomNotifications
{
    /// <summary>Enough for a paragraph or two; a chat message is no place for a log file.</summary>
    private const int TextLength = 1_000;

    /// <param name="source">The custom source's name.</param>
    /// <param name="defaultService">The source's <c>Hooks:&lt;source&gt;:Service</c>, for events that name none.</param>
    /// <exception cref="JsonException">The payload is not a custom event.</exception>
    public static Notification From(string source, JsonElement payload, string? defaultService)
    {
        var custom = CustomEvent.Read(payload, defaultService);
        var message = Reply.Build(SeverityOf(custom))
            .Line(Headline(custom))
            .LineIfAny(Text(custom.Text))
            .FieldsIfAny(("Window", Window(custom.Change)), ("Risk", custom.Change?.Risk), ("Approver", custom.Change?.Approver), ("Repository", custom.Repository))
            .LineIfAny(custom.Links.Count == 0 ? null : string.Join(" · ", custom.Links.Select(l => Link(l.Title, l.Url))))
            .ToReply();
        var facts = NotificationFacts.None with { Environment = custom.Environment, Severity = custom.Severity, State = custom.State };
        return new(source.ToLowerInvariant(), custom.Feature, custom.Service ?? custom.Repository ?? "", message, custom.Reference ?? custom.Change?.Id, facts)
        {
            Timeline = Mark(custom),
        };
    }

    /// <summary>The severity comes first, except for news that needs none: <c>[CRITICAL] Alert triggered on checkout: ...</c>.</summary>
    private static string Headline(CustomEvent custom)
    {
        var level = custom.Severity == "info" ? "" : $"**[{custom.Severity.ToUpperInvariant()}]** ";
        var what = custom.Type switch
        {
            "alert.triggered" => "Alert triggered",
            "alert.resolved" => "Alert resolved",
            "deploy.finished" => "Deployed",
            "notice" => "Notice",
            _ => $"Change{(custom.Change?.Id is { } id ? " " + Code(id) : "")} {custom.State}",
        };
        var service = custom.Service is null ? "" : $" on {Bold(custom.Service)}";
        var environment = custom.Environment is null ? "" : $" in {Bold(custom.Environment)}";
        return $"{level}{what}{service}{environment}: {Excerpt(custom.Title)}";
    }

    private static Severity SeverityOf(CustomEvent custom) => custom switch
    {
        { Type: "alert.resolved" } => Severity.Success,
        { Severity: "warning" } => Severity.Warning,
        { Severity: "error" or "critical" } => Severity.Error,
        _ => Severity.Info,
    };

    private static string? Text(string? text) => text?.ReplaceLineEndings("\n") switch
    {
        null => null,
        { Length: <= TextLength } whole => whole,
        var longer => longer[..TextLength].TrimEnd() + "…",
    };

    /// <summary>In UTC: a channel's readers live in many time zones.</summary>
    private static string? Window(CustomChange? change) => change switch
    {
        { WindowStart: { } start, WindowEnd: { } end } when start.Date == end.Date => $"{Day(start)} {Time(start)}–{Time(end)} UTC",
        { WindowStart: { } start, WindowEnd: { } end } => $"{Day(start)} {Time(start)} – {Day(end)} {Time(end)} UTC",
        { WindowStart: { } start } => $"from {Day(start)} {Time(start)} UTC",
        { WindowEnd: { } end } => $"until {Day(end)} {Time(end)} UTC",
        _ => null,
    };

    private static string Day(DateTimeOffset time) => time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Alerts open and close by their reference (else their title), so a resolution closes what its trigger opened.</summary>
    private static TimelineMark? Mark(CustomEvent custom)
    {
        var title = Excerpt(custom.Title)!;
        var url = custom.Links.Count == 0 ? null : custom.Links[0].Url;
        return custom.Type switch
        {
            "alert.triggered" => new(TimelineKind.AlertOpened, title, url, custom.Reference ?? title),
            "alert.resolved" => new(TimelineKind.AlertClosed, title, url, custom.Reference ?? title),
            "deploy.finished" => new(TimelineKind.Deploy, title, url),
            _ => null,
        };
    }
}
