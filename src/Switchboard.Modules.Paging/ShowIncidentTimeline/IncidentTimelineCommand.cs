using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Modules.Paging.Incidents;
using Switchboard.Modules.Paging.PagerDuty;

namespace Switchboard.Modules.Paging.ShowIncidentTimeline;

/// <summary>
/// <c>pages timeline &lt;id&gt; [--markdown]</c>: PagerDuty's log entries and notes on the incident in time order, with
/// who did each; with <c>--markdown</c>, a postmortem-ready document in a code block, so every surface can copy it.
/// </summary>
internal sealed class IncidentTimelineCommand(PagerDutyAccounts accounts, PagerDutyClient pagerDuty, ILogger<IncidentTimelineCommand> logger)
    : ICommandHandler<IncidentTimelineArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "pages timeline",
        Summary: "What happened on a PagerDuty incident, in order and by whom; --markdown for a postmortem.",
        Permission: PagingPermissions.Read,
        // It needs an incident and a connected PagerDuty account, which no example run alone can have.
        Examples: [])
    {
        IsReadOnly = true,
        Variants = ["pages timeline PT4KHLK --markdown"],
    };

    public async Task<CommandResult> HandleAsync(IncidentTimelineArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        if (!IncidentActions.IsIncidentId(arguments.Incident))
        {
            return PagingErrors.InvalidIncidentId(arguments.Incident);
        }

        var (caller, refusal) = await accounts.ActAsAsync(actor.PersonId, cancellationToken);
        if (caller is null)
        {
            return refusal!;
        }

        var found = await pagerDuty.GetIncidentAsync(caller, arguments.Incident.ToUpperInvariant(), cancellationToken);
        if (found.Value is not { } incident)
        {
            return found.Error!;
        }

        var log = await pagerDuty.ListLogEntriesAsync(caller, incident.Id, cancellationToken);
        if (log.Value is not { } entries)
        {
            return log.Error!;
        }

        var notes = await pagerDuty.ListNotesAsync(caller, incident.Id, cancellationToken);
        if (notes.Value is not { } annotations)
        {
            return notes.Error!;
        }

        var timeline = new List<TimelineEntry>();
        foreach (var entry in entries)
        {
            timeline.Add(new TimelineEntry(entry.CreatedAt, await WhoAsync(entry.Agent, cancellationToken), entry.Summary ?? entry.Type));
        }

        foreach (var note in annotations)
        {
            timeline.Add(new TimelineEntry(note.CreatedAt, await WhoAsync(note.User, cancellationToken), "Note: " + note.Content));
        }

        // A stable sort keeps PagerDuty's own order for entries at the same moment.
        var ordered = timeline.OrderBy(e => e.At).ToList();
        logger.ReadIncidentTimeline(actor.PersonId, incident.Id, ordered.Count);
        return arguments.Markdown ? Reply.Text("```markdown\n" + Postmortem(incident, ordered) + "```") : Listing(incident, ordered);
    }

    private async Task<string> WhoAsync(PagerDutyReference? agent, CancellationToken cancellationToken) => agent switch
    {
        null => "PagerDuty",
        { Type: "user_reference" or "user" } user => (await accounts.NamesOfAsync([user], cancellationToken))[0],
        _ => agent.Summary ?? agent.Id,
    };

    private static Reply Listing(PagerDutyIncident incident, List<TimelineEntry> timeline)
    {
        var reply = Reply.Build(Severity.Info)
            .Line($"**Incident #{incident.IncidentNumber.ToString(CultureInfo.InvariantCulture)}** {incident.Title} — {incident.Status}, {incident.Service.Summary ?? incident.Service.Id}");
        foreach (var entry in timeline)
        {
            reply.Line($"`{Time(entry.At)}` {entry.Who}: {entry.What}");
        }

        return reply.ToReply();
    }

    private static string Postmortem(PagerDutyIncident incident, List<TimelineEntry> timeline)
    {
        var document = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"# Incident #{incident.IncidentNumber}: {Cell(incident.Title)}\n\n")
            .Append(CultureInfo.InvariantCulture, $"- **Service:** {Cell(incident.Service.Summary ?? incident.Service.Id)}\n")
            .Append(CultureInfo.InvariantCulture, $"- **Status:** {incident.Status}\n")
            .Append(CultureInfo.InvariantCulture, $"- **Urgency:** {incident.Urgency ?? "unknown"}\n");
        if (timeline.Count > 0)
        {
            document.Append(CultureInfo.InvariantCulture, $"- **First entry:** {Time(timeline[0].At)}\n")
                .Append(CultureInfo.InvariantCulture, $"- **Last entry:** {Time(timeline[^1].At)}\n");
        }

        if (incident.HtmlUrl is { } url)
        {
            document.Append(CultureInfo.InvariantCulture, $"- **PagerDuty:** {url}\n");
        }

        document.Append("\n## Timeline\n\n| Time (UTC) | Who | What |\n| --- | --- | --- |\n");
        foreach (var entry in timeline)
        {
            document.Append(CultureInfo.InvariantCulture, $"| {Time(entry.At)} | {Cell(entry.Who)} | {Cell(entry.What)} |\n");
        }

        return document.ToString();
    }

    // A table cell holds one line, and a pipe or a fence in a note must not end the cell or the code block.
    private static string Cell(string text) =>
        text.ReplaceLineEndings(" ").Replace("|", "\\|", StringComparison.Ordinal).Replace("```", "'''", StringComparison.Ordinal);

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private sealed record TimelineEntry(DateTimeOffset At, string Who, string What);
}

internal sealed record IncidentTimelineArguments(
    [Argument("The incident's id or number, as `pages` lists it.", MaxLength = 32)] string Incident,
    [Option("Answer a Markdown document for a postmortem: title, service, times and the timeline as a table.")] bool Markdown = false);
