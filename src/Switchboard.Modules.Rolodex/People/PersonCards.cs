using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Switchboard.Core.People;
using Switchboard.Core.Replies;
using Switchboard.Data;
using Switchboard.Modules.Rolodex.Teams;

namespace Switchboard.Modules.Rolodex.People;

/// <summary>
/// How a person reads in <c>whoami</c> and <c>whois</c>: who they are, their teams and accounts.
/// <c>whoami</c> is what every script and <c>sb login</c> calls first, so the facts are kept for a few
/// seconds; the slices that change them here forget them at once, and another process sharing the
/// database sees a change within <see cref="Lifetime"/>.
/// </summary>
internal sealed class PersonCards(IMemoryCache cache)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    public async Task<ReplyBuilder> BuildAsync(SwitchboardDbContext db, PersonId id, CancellationToken cancellationToken)
    {
        if (cache.Get(Key(id)) is CardFacts cached)
        {
            return Render(cached);
        }

        var facts = await LoadAsync(db, id, cancellationToken);

        // A change made while this load ran leaves a mark: keep the load's result out of the cache then.
        if (cache.Get(Key(id)) is not Changed)
        {
            cache.Set(Key(id), facts, Lifetime);
        }

        return Render(facts);
    }

    /// <summary>Forgets the person's card and, for a while, keeps loads begun before the change from caching it.</summary>
    public void Forget(PersonId id) => cache.Set(Key(id), Changed.Mark, Lifetime);

    private static (string, PersonId) Key(PersonId id) => ("rolodex.card", id);

    private static async Task<CardFacts> LoadAsync(SwitchboardDbContext db, PersonId id, CancellationToken cancellationToken)
    {
        var found = await db.Set<Person>().AsNoTracking()
            .AsSingleQuery()
            .Where(p => p.Id == id)
            .Select(p => new
            {
                Person = p,
                Identities = p.Identities.OrderBy(i => i.Service).ThenBy(i => i.ExternalId).ToList(),
                Teams = db.Set<Membership>()
                    .Where(m => m.PersonId == p.Id)
                    .Join(db.Set<Team>(), m => m.TeamId, t => t.Id, (m, t) => new { t.Name, m.Role })
                    .OrderBy(t => t.Name)
                    .ToList(),
            })
            .SingleAsync(cancellationToken);
        var accounts = found.Identities.Select(i => new CardAccount(i.Service, i.Workspace, i.ExternalId, i.Proof)).ToList();
        var teams = found.Teams.Select(t => new CardTeam(t.Name, t.Role)).ToList();
        return new CardFacts(found.Person.ToSummary(), teams, accounts);
    }

    private static ReplyBuilder Render(CardFacts facts)
    {
        var person = facts.Person;
        var card = Reply.Build()
            .Line($"**{person.DisplayName}** (@{person.Handle}){(person.IsDisabled ? ": **disabled**, cannot sign in or run commands" : "")}")
            .Fields(
                ("Email", person.Email),
                ("Time zone", person.TimeZone),
                ("Administrator", person.IsAdmin ? "yes" : "no"),
                ("Teams", facts.Teams.Count == 0 ? "none" : string.Join(", ", facts.Teams.Select(t => t.Role == TeamRole.Member ? t.Name : $"{t.Name} ({t.Role.ToString().ToLowerInvariant()})"))));

        if (facts.Accounts.Count > 0)
        {
            card.Section("Accounts", accounts => accounts.Fields(facts.Accounts.Select(a => (
                a.Service,
                $"{(a.Workspace.Length > 0 ? a.Workspace + "/" : "")}{a.ExternalId} ({ProofText(a.Proof)})"))));
        }

        return card;
    }

    private static string ProofText(IdentityProof proof) => proof switch
    {
        IdentityProof.Claimed => "claimed, not proven",
        IdentityProof.AssertedByAdmin => "asserted by an admin",
        IdentityProof.ProvenByService => "proven",
    };

    private sealed class Changed
    {
        public static readonly Changed Mark = new();
    }

    private sealed record CardFacts(PersonSummary Person, IReadOnlyList<CardTeam> Teams, IReadOnlyList<CardAccount> Accounts);

    private sealed record CardTeam(string Name, TeamRole Role);

    private sealed record CardAccount(string Service, string Workspace, string ExternalId, IdentityProof Proof);
}
