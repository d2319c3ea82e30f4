using Switchboard.Core.Commands;
using Switchboard.Core.Errors;
using Switchboard.Core.Replies;
using Switchboard.Data;
using Switchboard.Modules.Rolodex.ListSessions;
using Switchboard.Modules.Rolodex.Sessions;

namespace Switchboard.Modules.Rolodex.RevokeSessions;

/// <summary><c>sessions revoke</c>: a signed-out session is refused on its next request, live pages included.</summary>
internal sealed class RevokeSessionsCommand(SwitchboardDbContext db, WebSessions sessions, TimeProvider clock) : ICommandHandler<RevokeSessionsArguments>
{
    private const int MinimumIdLength = 4;

    public static CommandDefinition Definition { get; } = new(
        Verb: "sessions revoke",
        Summary: "Sign a browser out of the web console, or every browser with --all.",
        Permission: RolodexPermissions.OwnTokens,
        Examples: ["sessions revoke --all"]);

    public async Task<CommandResult> HandleAsync(RevokeSessionsArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        if ((arguments.Session is null) != arguments.All)
        {
            return Error.Invalid("rolodex.session-or-all", "Name one session by the id 'sessions' shows, or pass --all; not both.");
        }

        var active = await ActiveSessions.OfAsync(db, actor, clock.GetUtcNow(), cancellationToken);
        if (arguments.All)
        {
            var count = await sessions.EndAsync(active, cancellationToken);
            return Reply.Text(
                count == 0 ? "You had no web console sessions." : $"Signed out {count} {(count == 1 ? "browser" : "browsers")}; they are refused from now on.",
                Severity.Success);
        }

        var id = arguments.Session!.Trim().ToLowerInvariant();
        var matches = id.Length < MinimumIdLength ? [] : active.Where(s => s.Id.ToString("N").StartsWith(id, StringComparison.Ordinal)).ToList();
        if (matches.Count > 1)
        {
            return RolodexErrors.AmbiguousSessionId(id);
        }

        if (matches.Count == 0)
        {
            return RolodexErrors.UnknownSessionId(id);
        }

        await sessions.EndAsync(matches, cancellationToken);
        return Reply.Text($"Signed out {matches[0].Client} (session `{matches[0].ShortId}`); it is refused from now on.", Severity.Success);
    }
}

internal sealed record RevokeSessionsArguments(
    [Argument("The session's id, as 'sessions' shows it.", MaxLength = 32)] string? Session = null,
    [Option("Sign out every browser, this one included.")] bool All = false);
