using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Modules.Paging.Incidents;

namespace Switchboard.Modules.Paging.AddIncidentNote;

/// <summary>
/// <c>pages note &lt;id&gt; &lt;text&gt;</c>: adds a note to the incident on PagerDuty as the person. Without text (the
/// incident message's Add note button) it says how to write one, since a button cannot ask for words.
/// </summary>
internal sealed class AddIncidentNoteCommand(IncidentActions incidents) : ICommandHandler<AddIncidentNoteArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "pages note",
        Summary: "Add a note to a PagerDuty incident, as you.",
        Permission: PagingPermissions.Respond,
        // It needs an incident and a connected PagerDuty account, which no example run alone can have.
        Examples: [])
    {
        Variants = ["pages note PT4KHLK rolled back the deploy"],
    };

    public async Task<CommandResult> HandleAsync(AddIncidentNoteArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        if (arguments.Text is not { Length: > 0 } text)
        {
            return IncidentActions.IsIncidentId(arguments.Incident)
                ? Reply.Text($"Type `pages note {arguments.Incident} <text>` to add a note to the incident.")
                : PagingErrors.InvalidIncidentId(arguments.Incident);
        }

        return await incidents.RunAsync(
            arguments.Incident,
            actor,
            "note",
            async (caller, id) =>
            {
                var note = await incidents.PagerDuty.AddNoteAsync(caller, id, text, cancellationToken);
                return note.Error is { } error ? new(null, error) : await incidents.PagerDuty.GetIncidentAsync(caller, id, cancellationToken);
            },
            incident => $"You added a note to incident #{incident.IncidentNumber} on PagerDuty: {text}",
            cancellationToken);
    }
}

internal sealed record AddIncidentNoteArguments(
    [Argument("The incident's id or number, as `pages` lists it.", MaxLength = 32)] string Incident,
    [Argument("The note.", TakesRest = true, MaxLength = 4000)] string? Text = null);
