using System.Text.Json;
using Switchboard.Core.Catalog;
using Switchboard.Core.Replies;
using static Switchboard.Modules.Notify.Notifications.Markdown;

namespace Switchboard.Modules.Notify.Notifications;

/// <summary>
/// Rollbar webhooks (https://docs.rollbar.com/docs/webhooks) as notifications: new, reactivated and
/// recurring items are feature <c>items</c>, deploys are feature <c>deploys</c>. The payloads carry the
/// project's id but not its name, so the id is the scope.
/// </summary>
internal static class RollbarNotifications
{
    private const string Source = "rollbar";

    public static Notification? From(JsonElement payload)
    {
        var data = payload.At("data");
        return payload.Text("event_name") switch
        {
            null => Unreadable(null, "items"),
            "deploy" => Deploy(data),
            var eventName => Item(eventName, data),
        };
    }

    private static Notification? Item(string eventName, JsonElement data)
    {
        var item = data.At("item");
        if (item.Text("project_id") is not { } project || item.Text("title") is not { } title)
        {
            return Unreadable(eventName, "items");
        }

        var number = item.Text("counter") is { } counter ? $" {Bold($"#{counter}")}" : "";
        var environment = item.Text("environment");
        var where = environment is null ? "" : $" in {Bold(environment)}";
        var change = eventName switch
        {
            "new_item" => $"New item{number}{where}",
            "reactivated_item" => $"Item{number} reactivated{where}",
            "occurrence" => $"Item{number} occurred again{where}",
            _ => null,
        };
        if (change is null)
        {
            return null;
        }

        var level = data.Text("occurrence", "level") ?? item.Text("last_occurrence", "level");
        var severity = level switch
        {
            "critical" or "error" => Severity.Error,
            "warning" => Severity.Warning,
            _ => Severity.Info,
        };
        var message = Reply.Build(severity)
            .Line($"{change}: {Link(title, data.Url("url"))}")
            .FieldsIfAny(("Level", level), ("Occurrences", eventName == "new_item" ? null : item.Text("total_occurrences")))
            .ToReply();
        var facts = NotificationFacts.None with { Environment = environment, Severity = level };
        return new(Source, "items", project, message, null, facts)
        {
            Timeline = eventName is "new_item" or "reactivated_item"
                ? new(TimelineKind.Error, $"{(eventName == "new_item" ? "New" : "Reactivated")}: {title}", data.Url("url"))
                : null,
        };
    }

    private static Notification Deploy(JsonElement data)
    {
        var deploy = data.At("deploy");
        if (deploy.Text("project_id") is not { } project || deploy.Text("environment") is not { } environment)
        {
            return Unreadable("deploy", "deploys");
        }

        var deployer = deploy.Text("local_username");
        var revision = deploy.Text("revision") is { } sha ? $" {Code(ShortSha(sha))}" : "";
        var message = Reply.Build()
            .Line($"{Bold(deployer ?? "Someone")} deployed{revision} to {Bold(environment)}")
            .LineIfAny(deploy.Text("comment"))
            .ToReply();
        var facts = NotificationFacts.None with { Author = deployer, Environment = environment };
        var revisionText = deploy.Text("revision") is { } deployed ? ShortSha(deployed) : "a revision";
        return new(Source, "deploys", project, message, null, facts)
        {
            Timeline = new(TimelineKind.Deploy, $"Deployed {revisionText} to {environment}", null),
        };
    }

    private static Notification Unreadable(string? eventName, string feature)
    {
        var type = eventName is null ? "" : $" {Code(eventName)}";
        return new(Source, feature, "", Reply.Text($"Rollbar{type} event"), null, NotificationFacts.None);
    }
}
