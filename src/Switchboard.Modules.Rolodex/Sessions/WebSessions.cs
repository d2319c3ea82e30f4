using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Audit;
using Switchboard.Core.Errors;
using Switchboard.Core.People;
using Switchboard.Data;
using Switchboard.Modules.Rolodex.People;
using Switchboard.Modules.Rolodex.Tokens;

namespace Switchboard.Modules.Rolodex.Sessions;

/// <summary>The Rolodex's side of <see cref="IWebSessions"/>: links are spent once, sessions end on revocation at once.</summary>
internal sealed class WebSessions(SwitchboardDbContext db, RecentCredentials<RecentSession> recent, IAuditLog audit, TimeProvider clock) : IWebSessions
{
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromHours(24);
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromDays(7);
    private static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(5);

    public async Task<SignInLink> IssueLinkAsync(PersonId person, PersonId issuedBy, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var code = SessionSecrets.New();
        var link = new SignInLinkRecord
        {
            Id = Guid.CreateVersion7(now),
            PersonId = person,
            IssuedBy = issuedBy,
            Hash = TokenFormat.HashOf(code),
            CreatedAt = now,
            ExpiresAt = now + LinkLifetime,
        };
        db.Add(link);
        await db.SaveChangesAsync(cancellationToken);
        return new SignInLink(code, link.ExpiresAt);
    }

    public async Task<(PersonSummary? Person, Error? Error)> PeekLinkAsync(string code, CancellationToken cancellationToken)
    {
        var (link, person, error) = await UsableLinkAsync(code, cancellationToken);
        return link is null ? (null, error) : (person!.ToSummary(), null);
    }

    public async Task<SessionStart> RedeemLinkAsync(string code, SessionClient client, CancellationToken cancellationToken)
    {
        var (link, person, error) = await UsableLinkAsync(code, cancellationToken);
        if (link is null)
        {
            return new SessionStart(null, null, default, error);
        }

        var now = clock.GetUtcNow();
        // Spent with a conditional update, so two clicks racing on one link start one session.
        var spent = await db.Set<SignInLinkRecord>()
            .Where(l => l.Id == link.Id && l.UsedAt == null)
            .ExecuteUpdateAsync(l => l.SetProperty(x => x.UsedAt, now), cancellationToken);
        if (spent == 0)
        {
            return new SessionStart(null, null, default, RolodexErrors.SignInLinkUsed());
        }

        var secret = SessionSecrets.New();
        var session = new WebSession
        {
            Id = Guid.NewGuid(),
            PersonId = person!.Id,
            Hash = TokenFormat.HashOf(secret),
            Client = BrowserName.Of(client.UserAgent),
            Address = client.Address,
            CreatedAt = now,
            ExpiresAt = now + SessionLifetime,
            LastSeenAt = now,
        };
        db.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(
            new AuditRecord(now, person.Id, "web", "signin", AuditOutcomes.Succeeded, null, $"session {session.ShortId} from {session.Client}"),
            cancellationToken);
        return new SessionStart(person.ToSummary(), secret, session.ExpiresAt, null);
    }

    public async Task<SessionCheck> AuthenticateAsync(string secret, CancellationToken cancellationToken)
    {
        if (!SessionSecrets.IsWellFormed(secret))
        {
            return Refused(RolodexErrors.UnknownSession());
        }

        var hash = TokenFormat.HashOf(secret);
        var now = clock.GetUtcNow();
        if (recent.TryGet(hash, out var known) && known.ExpiresAt > now)
        {
            return new SessionCheck(known.Person, known.SessionId, known.ExpiresAt, null);
        }

        var found = await db.Set<WebSession>().AsNoTracking()
            .Where(s => s.Hash == hash)
            .Join(db.Set<Person>(), s => s.PersonId, p => p.Id, (s, p) => new { Session = s, Person = p })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return Refused(RolodexErrors.UnknownSession());
        }

        if (found.Person.DisabledAt is not null)
        {
            return Refused(RolodexErrors.DisabledPersonSignIn());
        }

        if (found.Session.EndedAt is not null)
        {
            return Refused(RolodexErrors.SessionEnded());
        }

        if (found.Session.ExpiresAt <= now)
        {
            return Refused(RolodexErrors.SessionExpired());
        }

        if (now - found.Session.LastSeenAt > LastSeenResolution)
        {
            await db.Set<WebSession>().Where(s => s.Id == found.Session.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), cancellationToken);
        }

        var person = found.Person.ToSummary();
        recent.Remember(hash, new RecentSession(person, found.Session.Id, found.Session.ExpiresAt));
        return new SessionCheck(person, found.Session.Id, found.Session.ExpiresAt, null);
    }

    public async Task EndAsync(string secret, CancellationToken cancellationToken)
    {
        if (!SessionSecrets.IsWellFormed(secret))
        {
            return;
        }

        var hash = TokenFormat.HashOf(secret);
        var session = await db.Set<WebSession>().SingleOrDefaultAsync(s => s.Hash == hash && s.EndedAt == null, cancellationToken);
        if (session is null)
        {
            return;
        }

        var now = clock.GetUtcNow();
        session.EndedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        recent.Forget(hash);
        await audit.AppendAsync(
            new AuditRecord(now, session.PersonId, "web", "signout", AuditOutcomes.Succeeded, null, $"session {session.ShortId}"),
            cancellationToken);
    }

    /// <summary>Ends sessions now, here and, within the cache's lifetime, in every other process.</summary>
    public async Task<int> EndAsync(IReadOnlyList<WebSession> sessions, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        foreach (var session in sessions)
        {
            session.EndedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var session in sessions)
        {
            recent.Forget(session.Hash);
        }

        return sessions.Count;
    }

    private async Task<(SignInLinkRecord? Link, Person? Person, Error? Error)> UsableLinkAsync(string code, CancellationToken cancellationToken)
    {
        if (!SessionSecrets.IsWellFormed(code))
        {
            return (null, null, RolodexErrors.UnknownSignInLink());
        }

        var hash = TokenFormat.HashOf(code);
        var found = await db.Set<SignInLinkRecord>().AsNoTracking()
            .Where(l => l.Hash == hash)
            .Join(db.Set<Person>(), l => l.PersonId, p => p.Id, (l, p) => new { Link = l, Person = p })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return (null, null, RolodexErrors.UnknownSignInLink());
        }

        if (found.Person.DisabledAt is not null)
        {
            return (null, null, RolodexErrors.DisabledPersonSignIn());
        }

        if (found.Link.UsedAt is not null)
        {
            return (null, null, RolodexErrors.SignInLinkUsed());
        }

        return found.Link.ExpiresAt <= clock.GetUtcNow()
            ? (null, null, RolodexErrors.SignInLinkExpired())
            : (found.Link, found.Person, null);
    }

    private static SessionCheck Refused(Error error) => new(null, Guid.Empty, default, error);
}

internal sealed record RecentSession(PersonSummary Person, Guid SessionId, DateTimeOffset ExpiresAt);

/// <summary>"Chrome on Linux" from a User-Agent header: enough to tell one's sessions apart.</summary>
internal static class BrowserName
{
    private static readonly (string Token, string Name)[] Browsers =
        [("Edg/", "Edge"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"), ("Safari/", "Safari"), ("curl/", "curl")];

    private static readonly (string Token, string Name)[] Systems =
        [("Android", "Android"), ("iPhone", "iOS"), ("iPad", "iPadOS"), ("Windows", "Windows"), ("Mac OS X", "macOS"), ("Linux", "Linux")];

    public static string Of(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return "an unnamed browser";
        }

        var browser = Browsers.FirstOrDefault(b => userAgent.Contains(b.Token, StringComparison.Ordinal)).Name;
        var system = Systems.FirstOrDefault(s => userAgent.Contains(s.Token, StringComparison.Ordinal)).Name;
        return (browser, system) switch
        {
            (null, _) => userAgent.Length <= 60 ? userAgent : userAgent[..60] + "…",
            (_, null) => browser,
            _ => $"{browser} on {system}",
        };
    }
}
