using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Data;
using Switchboard.Modules.Rolodex.Sessions;

namespace Switchboard.Modules.Rolodex.ListSessions;

/// <summary><c>sessions</c>: where you are signed in to the web console, each with a button that signs it out.</summary>
internal sealed class ListSessionsCommand(SwitchboardDbContext db, TimeProvider clock) : ICommandHandler<NoArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "sessions",
        Summary: "List the browsers signed in to the web console as you, with buttons to sign them out.",
        Permission: RolodexPermissions.OwnTokens,
        Examples: ["sessions"])
    {
        IsReadOnly = true,
    };

    public async Task<CommandResult> HandleAsync(NoArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var sessions = await ActiveSessions.OfAsync(db, actor, clock.GetUtcNow(), cancellationToken);
        if (sessions.Count == 0)
        {
            return Reply.Text("You are not signed in to the web console anywhere. `person invite` makes a sign-in link.");
        }

        return Reply.Build()
            .Line($"Signed in to the web console in {sessions.Count} {(sessions.Count == 1 ? "browser" : "browsers")}:")
            .Fields(sessions.Select(s => ($"`{s.ShortId}`", Describe(s))))
            .Buttons(sessions.Select(s => new Button(
                $"Sign out {s.ShortId}",
                $"sessions revoke {s.ShortId}",
                $"Sign out {s.Client} (session {s.ShortId})? It stops working at once.",
                ButtonStyle.Danger,
                $"sessions-revoke-{s.Id:D}")))
            .ToReply();
    }

    private static string Describe(WebSession session) => string.Create(
        CultureInfo.InvariantCulture,
        $"{session.Client}{(session.Address is { } address ? $" at {address}" : "")}, signed in {session.CreatedAt:yyyy-MM-dd HH:mm}Z, " +
        $"last seen {session.LastSeenAt:yyyy-MM-dd HH:mm}Z");
}

internal static class ActiveSessions
{
    public static Task<List<WebSession>> OfAsync(SwitchboardDbContext db, Actor actor, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Set<WebSession>()
            .Where(s => s.PersonId == actor.PersonId && s.EndedAt == null && s.ExpiresAt > now)
            .OrderBy(s => s.CreatedAt)
            .ThenBy(s => s.Id)
            .ToListAsync(cancellationToken);
}
