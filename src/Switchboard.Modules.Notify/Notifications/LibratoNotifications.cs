using System.Text.Json;
using Switchboard.Core.Catalog;
using Switchboard.Core.Replies;
using static Switchboard.Modules.Notify.Notifications.Markdown;

namespace Switchboard.Modules.Notify.Notifications;

/// <summary>
/// Librato (AppOptics) alert webhooks as notifications of feature <c>alerts</c>, scoped by the alert's name.
/// Librato posts the JSON in a <c>payload</c> form field; this reads that JSON.
/// </summary>
internal static class LibratoNotifications
{
    private const string Source = "librato";
    private const string Feature = "alerts";
    private const int ViolationsShown = 5;

    public static Notification From(JsonElement payload)
    {
        var alert = payload.At("alert");
        if (alert.Text("name") is not { } name)
        {
            return new(Source, Feature, "", Reply.Text("Librato alert"), null, NotificationFacts.None);
        }

        // A cleared alert sends "clear" and no conditions or violations.
        if (payload.Text("clear") is not null)
        {
            var cleared = Reply.Text($"Librato alert {Bold(name)} cleared", Severity.Success);
            return new(Source, Feature, name, cleared, null, NotificationFacts.None with { State = "cleared" })
            {
                Timeline = new(TimelineKind.AlertClosed, $"Librato alert {name} cleared", null, AlertKey(alert, name)),
            };
        }

        var test = payload.IsTrue("triggered_by_user_test") ? " (test)" : "";
        var message = Reply.Build(Severity.Error)
            .Line($"Librato alert {Bold(name)} triggered{test}")
            .LineIfAny(alert.Text("description"));
        var violations = Violations(payload).ToList();
        foreach (var violation in violations.Take(ViolationsShown))
        {
            message.Line(violation);
        }

        message
            .LineIfAny(violations.Count > ViolationsShown ? $"and {violations.Count - ViolationsShown} more" : null)
            .LinkIfAny("Runbook", alert.Url("runbook_url"));
        return new(Source, Feature, name, message.ToReply(), null, NotificationFacts.None with { State = "triggered" })
        {
            // A test from Librato's UI is news for the channel, not history of the service.
            Timeline = test.Length == 0 ? new(TimelineKind.AlertOpened, $"Librato alert {name} triggered", null, AlertKey(alert, name)) : null,
        };
    }

    private static string AlertKey(JsonElement alert, string name) => alert.Text("id") ?? name;

    // "violations" maps each source to the measurements that broke a condition, which "conditions" lists by id.
    private static IEnumerable<string> Violations(JsonElement payload)
    {
        var violations = payload.At("violations");
        if (violations.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        foreach (var source in violations.EnumerateObject())
        {
            foreach (var violation in source.Value.Items())
            {
                var condition = payload.Items("conditions").FirstOrDefault(c => c.Text("id") == violation.Text("condition_violated"));
                var metric = $"{Code(violation.Text("metric") ?? "?")} on {source.Name}";
                yield return condition.Text("type") switch
                {
                    "absent" => $"{metric} is absent",
                    var type and ("above" or "below") => $"{metric} is {violation.Text("value")}, {type} {condition.Text("threshold")}",
                    _ => $"{metric} is {violation.Text("value")}",
                };
            }
        }
    }
}
