using System.Text.Json;
using Switchboard.Core.Catalog;
using Switchboard.Core.Replies;
using static Switchboard.Modules.Notify.Notifications.Markdown;

namespace Switchboard.Modules.Notify.Notifications;

/// <summary>
/// Sentry integration-platform webhooks (https://docs.sentry.io/organization/integrations/integration-platform/webhooks/)
/// as notifications; the resource is the <c>Sentry-Hook-Resource</c> header. Issues are feature
/// <c>issues</c>; issue alerts and metric alerts are feature <c>alerts</c>.
/// </summary>
internal static class SentryNotifications
{
    private const string Source = "sentry";

    public static Notification? From(string resource, JsonElement payload) => resource switch
    {
        "issue" => Issue(payload),
        "event_alert" => EventAlert(payload),
        "metric_alert" => MetricAlert(payload),
        _ => null,
    };

    private static Notification? Issue(JsonElement payload)
    {
        var issue = payload.At("data", "issue");
        if (issue.Text("project", "slug") is not { } project || issue.Text("title") is not { } title)
        {
            return Unreadable("issue", "issues", payload);
        }

        var id = issue.Text("shortId") is { } shortId ? $" {Bold(shortId)}" : "";
        var level = issue.Text("level");
        (string Change, Severity Severity)? outcome = payload.Text("action") switch
        {
            "created" => ($"New issue{id} in {Code(project)}", SeverityOf(level)),
            "unresolved" => ($"Issue{id} is unresolved again in {Code(project)}", SeverityOf(level)),
            "resolved" => ($"Issue{id} resolved in {Code(project)}", Severity.Success),
            "assigned" => ($"Issue{id} in {Code(project)} assigned to {Bold(issue.Text("assignedTo", "name") ?? "nobody")}", Severity.Info),
            _ => null,
        };
        if (outcome is not (var change, var severity))
        {
            return null;
        }

        var message = Reply.Build(severity)
            .Line($"{change}: {Link(title, issue.Url("web_url") ?? issue.Url("permalink"))}")
            .FieldsIfAny(("Culprit", issue.Text("culprit")))
            .ToReply();
        var facts = NotificationFacts.None with { Severity = level, State = issue.Text("status") };
        return new(Source, "issues", project, message, null, facts)
        {
            Timeline = payload.Text("action") is "created" or "unresolved"
                ? new(TimelineKind.Error, $"{(payload.Text("action") == "created" ? "New" : "Unresolved again")}: {title}", issue.Url("web_url") ?? issue.Url("permalink"))
                : null,
        };
    }

    private static Notification? EventAlert(JsonElement payload)
    {
        var @event = payload.At("data", "event");
        var rule = payload.Text("data", "triggered_rule") ?? payload.Text("data", "issue_alert", "title");
        if (@event.Text("title") is not { } title || rule is null)
        {
            return Unreadable("event_alert", "alerts", payload);
        }

        if (payload.Text("action") != "triggered")
        {
            return null;
        }

        var project = ProjectSlug(@event);
        var where = project is null ? "" : $" in {Code(project)}";
        var level = @event.Text("level");
        var environment = @event.Text("environment") ?? Tag(@event, "environment");
        var message = Reply.Build(SeverityOf(level))
            .Line($"Alert {Bold(rule)} triggered{where}: {Link(title, @event.Url("web_url"))}")
            .FieldsIfAny(("Culprit", @event.Text("culprit")), ("Environment", environment))
            .ToReply();
        var facts = NotificationFacts.None with { Environment = environment, Severity = level };
        return new(Source, "alerts", project ?? "", message, null, facts);
    }

    private static Notification? MetricAlert(JsonElement payload)
    {
        var data = payload.At("data");
        var alert = data.At("metric_alert");
        if ((alert.Text("alert_rule", "name") ?? alert.Text("title")) is not { } name)
        {
            return Unreadable("metric_alert", "alerts", payload);
        }

        var action = payload.Text("action");
        (string Change, Severity Severity)? outcome = action switch
        {
            "critical" => ("crossed its critical threshold", Severity.Error),
            "warning" => ("crossed its warning threshold", Severity.Warning),
            "resolved" => ("resolved", Severity.Success),
            _ => null,
        };
        if (outcome is not (var change, var severity))
        {
            return null;
        }

        var project = alert.Items("projects").Select(p => p.Text()).OfType<string>().FirstOrDefault();
        var where = project is null ? "" : $" in {Code(project)}";
        var message = Reply.Build(severity)
            .Line($"Metric alert {Link(name, data.Url("web_url"))} {change}{where}")
            .LineIfAny(data.Text("description_text"))
            .ToReply();
        var key = alert.Text("id") ?? name;
        var facts = NotificationFacts.None with { Environment = alert.Text("alert_rule", "environment"), State = action };
        return new(Source, "alerts", project ?? "", message, null, facts)
        {
            Timeline = action == "resolved"
                ? new(TimelineKind.AlertClosed, $"Metric alert {name} resolved", data.Url("web_url"), key)
                : new(TimelineKind.AlertOpened, $"Metric alert {name} {change}", data.Url("web_url"), key),
        };
    }

    // An event names its project by numeric id only; the slug is in its API url, .../projects/{org}/{project}/events/{id}/.
    private static string? ProjectSlug(JsonElement @event)
    {
        var segments = @event.Url("url")?.Segments.Select(s => s.TrimEnd('/')).ToList() ?? [];
        var projects = segments.IndexOf("projects");
        return projects >= 0 && projects + 2 < segments.Count ? segments[projects + 2] : @event.Text("project");
    }

    /// <summary>An event's tags are <c>[key, value]</c> pairs; Sentry files the event's environment among them.</summary>
    private static string? Tag(JsonElement @event, string key) =>
        @event.Items("tags").Select(tag => tag.Items().ToList()).FirstOrDefault(pair => pair.Count == 2 && pair[0].Text() == key)?[1].Text();

    private static Severity SeverityOf(string? level) => level switch
    {
        "fatal" or "error" => Severity.Error,
        "warning" => Severity.Warning,
        _ => Severity.Info,
    };

    private static Notification Unreadable(string resource, string feature, JsonElement payload)
    {
        var action = payload.Text("action") is { } name ? $" ({name})" : "";
        return new(Source, feature, "", Reply.Text($"Sentry {Code(resource)} event{action}"), null, NotificationFacts.None);
    }
}
