using System.Globalization;
using Switchboard.Core.Replies;
using Switchboard.Modules.Paging.PagerDuty;

namespace Switchboard.Modules.Paging.Incidents;

/// <summary>
/// An incident as people see it everywhere (a command's reply, the channel's message): what it is, how urgent, on which
/// service, who has it, and buttons that run <c>pages</c> commands as whoever clicks. A resolved incident has none.
/// </summary>
internal static class IncidentCard
{
    /// <param name="assignees">How to name each assignee: <c>@handle</c> for a linked person, else PagerDuty's name.</param>
    public static Reply For(PagerDutyIncident incident, IReadOnlyList<string> assignees, Action<ReplyBuilder>? more = null)
    {
        var severity = incident.Status switch
        {
            "triggered" => Severity.Error,
            "acknowledged" => Severity.Warning,
            _ => Severity.Success,
        };
        List<(string, string)> fields =
        [
            ("Incident", incident.Id),
            ("Urgency", incident.Urgency ?? "unknown"),
            ("Service", incident.Service.Summary ?? incident.Service.Id),
            ("Assigned to", assignees.Count == 0 ? "nobody" : string.Join(", ", assignees)),
        ];
        if (incident.CreatedAt is { } opened)
        {
            fields.Add(("Opened", opened.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture)));
        }

        var card = Reply.Build(severity)
            .Line($"**Incident #{incident.IncidentNumber.ToString(CultureInfo.InvariantCulture)}** {incident.Title} — {incident.Status}")
            .Fields(fields);
        more?.Invoke(card);
        if (incident.HtmlUrl is { } url)
        {
            card.Link("Open in PagerDuty", url);
        }

        if (incident.Status != "resolved")
        {
            card.Buttons(Buttons(incident));
        }

        return card.ToReply();
    }

    // Each button's key names the incident and its state, so a double click runs once and a click after a change runs anew.
    private static IEnumerable<Button> Buttons(PagerDutyIncident incident)
    {
        var key = $"pages-{incident.Id}-{incident.Status}-{incident.Assignees.FirstOrDefault()?.Id}";
        if (incident.Status == "triggered")
        {
            yield return new Button("Acknowledge", $"pages ack {incident.Id}", null, ButtonStyle.Primary, $"{key}-ack");
        }

        yield return new Button("Resolve", $"pages resolve {incident.Id}", $"Resolve incident #{incident.IncidentNumber} on PagerDuty?", ButtonStyle.Danger, $"{key}-resolve");
        yield return new Button("Escalate", $"pages escalate {incident.Id}", $"Escalate incident #{incident.IncidentNumber} to the next level?", ButtonStyle.Default, $"{key}-escalate");
        yield return new Button("Add note", $"pages note {incident.Id}", null, ButtonStyle.Default, $"{key}-note");
        yield return new Button("Page someone else", $"pages reassign {incident.Id}", null, ButtonStyle.Default, $"{key}-reassign");
    }
}
