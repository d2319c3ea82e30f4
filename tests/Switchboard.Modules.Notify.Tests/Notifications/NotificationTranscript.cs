using System.Text;
using Switchboard.Core.Replies;
using Switchboard.Modules.Notify.Notifications;

namespace Switchboard.Modules.Notify.Tests.Notifications;

/// <summary>What each fixture became, in a form to review like code: routing, facts and the message as plain text.</summary>
internal static class NotificationTranscript
{
    public static string Of(IEnumerable<(string Fixture, Notification? Notification)> renderings)
    {
        var text = new StringBuilder();
        foreach (var (fixture, notification) in renderings)
        {
            text.Append("== ").AppendLine(fixture);
            if (notification is null)
            {
                text.AppendLine("(nobody is told)").AppendLine();
                continue;
            }

            text.Append("feature:  ").AppendLine(notification.Feature)
                .Append("scope:    ").AppendLine(notification.Scope is "" ? "(none)" : notification.Scope)
                .Append("thread:   ").AppendLine(notification.ThreadKey ?? "(none)")
                .Append("facts:    ").AppendLine(Describe(notification.Facts))
                .Append("timeline: ").AppendLine(notification.Timeline is { } mark ? $"{mark.Kind} \"{mark.Title}\"{(mark.AlertKey is null ? "" : $" alert {mark.AlertKey}")}" : "(none)")
                .Append("severity: ").AppendLine(notification.Message.Severity.ToString())
                .AppendLine(PlainTextRenderer.Render(notification.Message))
                .AppendLine();
        }

        return text.ToString();
    }

    private static string Describe(NotificationFacts facts)
    {
        (string Name, string? Value)[] all =
        [
            ("labels", facts.Labels.Count == 0 ? null : string.Join(", ", facts.Labels)),
            ("author", facts.AuthorIsBot ? $"{facts.Author} (bot)" : facts.Author),
            ("branch", facts.Branch),
            ("environment", facts.Environment),
            ("severity", facts.Severity),
            ("state", facts.State),
        ];
        var present = all.Where(fact => fact.Value is not null).Select(fact => $"{fact.Name}: {fact.Value}").ToList();
        return present.Count == 0 ? "(none)" : string.Join("; ", present);
    }
}
