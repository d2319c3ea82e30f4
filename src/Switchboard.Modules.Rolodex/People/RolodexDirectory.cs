using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Audit;
using Switchboard.Core.Commands;
using Switchboard.Core.Errors;
using Switchboard.Core.People;
using Switchboard.Data;
using Switchboard.Modules.Rolodex.CreateToken;
using Switchboard.Modules.Rolodex.Teams;
using Switchboard.Modules.Rolodex.Tokens;

namespace Switchboard.Modules.Rolodex.People;

/// <summary>The Rolodex's side of the core contracts: finding people, checking tokens, the first admin.</summary>
internal sealed class RolodexDirectory(SwitchboardDbContext db, RecentCredentials<RecentToken> recentTokens, IAuditLog audit, TimeProvider clock)
    : IPersonDirectory, IApiTokenAuthenticator, IApiTokenIssuer, IFirstAdminBootstrap
{
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(5);

    public async Task<PersonSummary?> FindAsync(PersonId id, CancellationToken cancellationToken) =>
        (await db.Set<Person>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken))?.ToSummary();

    public async Task<PersonSummary?> FindAsync(string handleEmailOrName, CancellationToken cancellationToken) =>
        (await PersonLookup.FindAsync(db, handleEmailOrName, cancellationToken)).Person?.ToSummary();

    public async Task<LinkedPerson?> FindByIdentityAsync(ServiceIdentity identity, CancellationToken cancellationToken)
    {
        var externalId = Services.Normalize(identity.Service, identity.ExternalId);
        var found = await db.Set<Identity>().AsNoTracking()
            .Where(i => i.Service == identity.Service && i.Workspace == identity.Workspace && i.ExternalId == externalId)
            .Join(db.Set<Person>(), i => i.PersonId, p => p.Id, (i, p) => new { Person = p, i.Proof })
            .SingleOrDefaultAsync(cancellationToken);
        return found is null
            ? null
            : new LinkedPerson(found.Person.ToSummary(), found.Proof is IdentityProof.ProvenByService or IdentityProof.AssertedByAdmin);
    }

    public async Task<IReadOnlyList<ProvenIdentity>> ProvenIdentitiesAsync(PersonId person, string service, CancellationToken cancellationToken) =>
        await db.Set<Identity>().AsNoTracking()
            .Where(i => i.PersonId == person && i.Service == service && i.Proof != IdentityProof.Claimed)
            .OrderByDescending(i => i.LinkedAt)
            .Select(i => new ProvenIdentity(new ServiceIdentity(i.Service, i.Workspace, i.ExternalId), i.AlternateId, i.Proof == IdentityProof.ProvenByService))
            .ToListAsync(cancellationToken);

    public async Task<TeamSummary?> FindTeamAsync(string name, CancellationToken cancellationToken)
    {
        var key = name.Trim().ToLowerInvariant();
        var team = await db.Set<Team>().AsNoTracking().SingleOrDefaultAsync(t => t.Name == key, cancellationToken);
        if (team is null)
        {
            return null;
        }

        var members = await db.Set<Membership>().AsNoTracking()
            .Where(m => m.TeamId == team.Id)
            .Join(db.Set<Person>(), m => m.PersonId, p => p.Id, (m, p) => new { Person = p, m.Role })
            .ToListAsync(cancellationToken);
        return new TeamSummary(
            team.Name,
            [.. members.OrderBy(m => m.Person.Handle, StringComparer.Ordinal).Select(m => new TeamMember(m.Person.ToSummary(), m.Role.ToString().ToLowerInvariant()))]);
    }

    public async Task<IReadOnlyList<PersonTeam>> TeamsOfAsync(PersonId person, CancellationToken cancellationToken)
    {
        var roles = await db.Set<Membership>().AsNoTracking()
            .Where(m => m.PersonId == person)
            .Join(db.Set<Team>(), m => m.TeamId, t => t.Id, (m, t) => new { t.Name, m.Role })
            .ToListAsync(cancellationToken);
        return [.. roles.OrderBy(r => r.Name, StringComparer.Ordinal).Select(r => new PersonTeam(r.Name, r.Role.ToString().ToLowerInvariant()))];
    }

    public async Task<TokenAuthentication> AuthenticateAsync(string token, CancellationToken cancellationToken)
    {
        if (!TokenFormat.IsWellFormed(token))
        {
            return TokenAuthentication.Refused(Error.Unauthenticated(
                "auth.malformed-token", "That is not a Switchboard API token: they start with swb_ and end in a checksum."));
        }

        var hash = TokenFormat.HashOf(token);
        var now = clock.GetUtcNow();
        if (recentTokens.TryGet(hash, out var recent) && !(recent.ExpiresAt <= now))
        {
            return TokenAuthentication.Granted(recent.Person, recent.Access, recent.ExpiresAt);
        }

        var found = await db.Set<ApiToken>().AsNoTracking()
            .Where(t => t.Hash == hash)
            .Join(db.Set<Person>(), t => t.PersonId, p => p.Id, (t, p) => new { Token = t, Person = p })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return TokenAuthentication.Refused(Error.Unauthenticated("auth.unknown-token", "This API token is not known; create one with 'token create'."));
        }

        if (found.Person.DisabledAt is not null)
        {
            return TokenAuthentication.Refused(RolodexErrors.DisabledPersonSignIn());
        }

        if (found.Token.RevokedAt is not null)
        {
            return TokenAuthentication.Refused(Error.Unauthenticated("auth.token-revoked", $"The API token '{found.Token.Name}' was revoked."));
        }

        if (found.Token.ExpiresAt <= now)
        {
            return TokenAuthentication.Refused(Error.Unauthenticated("auth.token-expired", $"The API token '{found.Token.Name}' has expired."));
        }

        // Recording every use would turn each read into a write; a few minutes' precision is enough to spot stale tokens.
        if (found.Token.LastUsedAt is null || now - found.Token.LastUsedAt > LastUsedResolution)
        {
            await db.Set<ApiToken>().Where(t => t.Id == found.Token.Id)
                .ExecuteUpdateAsync(t => t.SetProperty(x => x.LastUsedAt, now), cancellationToken);
        }

        var access = found.Token.IsReadOnly ? ActorAccess.ReadOnly : ActorAccess.ReadWrite;
        recentTokens.Remember(hash, new RecentToken(found.Person.ToSummary(), access, found.Token.ExpiresAt));
        return TokenAuthentication.Granted(found.Person.ToSummary(), access, found.Token.ExpiresAt);
    }

    public async Task<string> IssueAsync(PersonId person, string name, ActorAccess access, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (token, value) = CreateTokenCommand.Issue(person, name, access == ActorAccess.ReadOnly, expiresAt: null, now);
        db.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(
            new AuditRecord(now, person, FrontEnd.System.ToString().ToLowerInvariant(), "token.issued", AuditOutcomes.Succeeded, null, $"token {name}"),
            cancellationToken);
        return value;
    }

    public async Task<FirstAdmin> CreateFirstAdminAsync(string email, string? name, CancellationToken cancellationToken)
    {
        if (await db.Set<Person>().AnyAsync(p => p.IsAdmin, cancellationToken))
        {
            return new FirstAdmin(null, null, RolodexErrors.AdminExists());
        }

        var now = clock.GetUtcNow();
        var (person, error) = await Enrollment.EnrollAsync(db, new NewPerson(email, name, null, null, IsAdmin: true), null, now, cancellationToken);
        if (person is null)
        {
            return new FirstAdmin(null, null, error);
        }

        var (token, value) = CreateTokenCommand.Issue(person.Id, "bootstrap", readOnly: false, expiresAt: null, now);
        db.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(
            new AuditRecord(now, person.Id, FrontEnd.System.ToString().ToLowerInvariant(), "bootstrap", AuditOutcomes.Succeeded, null, $"first administrator @{person.Handle}, token bootstrap"),
            cancellationToken);
        return new FirstAdmin(person.ToSummary(), value, null);
    }
}
