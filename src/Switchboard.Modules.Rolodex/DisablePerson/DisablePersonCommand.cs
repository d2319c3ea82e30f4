using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Core.Security;
using Switchboard.Data;
using Switchboard.Modules.Rolodex.Connections;
using Switchboard.Modules.Rolodex.People;
using Switchboard.Modules.Rolodex.Sessions;
using Switchboard.Modules.Rolodex.Tokens;
using Switchboard.Modules.Rolodex.Vault;

namespace Switchboard.Modules.Rolodex.DisablePerson;

/// <summary>
/// <c>person disable</c>: offboarding in one step. In one transaction it marks the person disabled (every
/// front end then refuses them) and revokes what lets them in or acts as them: web sessions, API tokens,
/// unused sign-in links and vault entries, after ending their OAuth grants at the services; then it cancels
/// their requests waiting for a second person's approval. Their audit history, teams and accounts stay.
/// </summary>
internal sealed class DisablePersonCommand(
    SwitchboardDbContext db,
    RecentCredentials<RecentToken> recentTokens,
    RecentCredentials<RecentSession> recentSessions,
    PersonCards cards,
    GrantRevocation revocation,
    IApprovals approvals,
    TimeProvider clock,
    ILogger<DisablePersonCommand> logger) : ICommandHandler<DisablePersonArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "person disable",
        Summary: "Offboard someone: revoke their sessions, API tokens, sign-in links, vault entries and pending approvals at once, and stop them signing in.",
        Permission: RolodexPermissions.ManagePeople,
        Examples: ["person disable @bob"])
    {
        ReportedAs = SuspectActionKinds.PersonDisabled,
    };

    public async Task<CommandResult> HandleAsync(DisablePersonArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var (person, error) = await PersonLookup.FindAsync(db, arguments.Person.Value, cancellationToken);
        if (person is null)
        {
            return error!;
        }

        if (person.Id == actor.PersonId)
        {
            return RolodexErrors.CannotDisableYourself();
        }

        // Before the tokens go: ending a grant at the service needs its token.
        var grants = await revocation.RevokeAllAsync(person.Id, cancellationToken);

        var now = clock.GetUtcNow();
        var wasDisabled = person.DisabledAt is not null;
        person.DisabledAt ??= now;
        person.DisabledBy ??= actor.PersonId;

        var sessions = await db.Set<WebSession>().Where(s => s.PersonId == person.Id && s.EndedAt == null && s.ExpiresAt > now).ToListAsync(cancellationToken);
        sessions.ForEach(s => s.EndedAt = now);
        var tokens = await db.Set<ApiToken>()
            .Where(t => t.PersonId == person.Id && t.RevokedAt == null && (t.ExpiresAt == null || t.ExpiresAt > now))
            .ToListAsync(cancellationToken);
        tokens.ForEach(t => t.RevokedAt = now);
        // Spent rather than left to the disabled check, so that enabling the person again does not revive them.
        var links = await db.Set<SignInLinkRecord>().Where(l => l.PersonId == person.Id && l.UsedAt == null && l.ExpiresAt > now).ToListAsync(cancellationToken);
        links.ForEach(l => l.UsedAt = now);
        var entries = await db.Set<VaultEntry>().Where(e => e.PersonId == person.Id).ToListAsync(cancellationToken);
        db.RemoveRange(entries);
        await db.SaveChangesAsync(cancellationToken);

        sessions.ForEach(s => recentSessions.Forget(s.Hash));
        tokens.ForEach(t => recentTokens.Forget(t.Hash));
        cards.Forget(person.Id);
        // Disabled already, so a request of theirs can no longer run: this only clears what others would see waiting.
        var approvalsCancelled = await approvals.CancelPendingOfAsync(person.Id, actor.PersonId, CancellationToken.None);
        logger.PersonDisabled(person.Id.ToString(), sessions.Count, tokens.Count, links.Count, entries.Count);

        return Reply.Build(Severity.Success)
            .Line(wasDisabled
                ? string.Create(CultureInfo.InvariantCulture, $"@{person.Handle} was already disabled, since {person.DisabledAt:yyyy-MM-dd HH:mm}Z. Revoked what was left:")
                : $"Disabled **{person.DisplayName}** (@{person.Handle}): they can no longer sign in or run commands, and their history stays. Revoked:")
            .Fields(
                ("Web sessions", Count(sessions.Count)),
                ("API tokens", Count(tokens.Count)),
                ("Sign-in links", Count(links.Count)),
                ("Vault entries", Count(entries.Count)),
                ("Grants revoked at services", grants.Count == 0 ? "none connected" : string.Join(", ", grants.Select(g => g.Revoked ? g.Service : $"{g.Service} (not confirmed)"))),
                ("Pending approvals", Count(approvalsCancelled)))
            .ToReply();
    }

    private static string Count(int count) => count.ToString(CultureInfo.InvariantCulture);
}

internal sealed record DisablePersonArguments([Argument("The person: @handle, e-mail address or name.", MaxLength = 320)] PersonReference Person);
