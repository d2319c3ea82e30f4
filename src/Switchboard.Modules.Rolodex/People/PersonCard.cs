using Microsoft.EntityFrameworkCore;
using Switchboard.Core.People;
using Switchboard.Core.Replies;
using Switchboard.Data;
using Switchboard.Modules.Rolodex.Teams;

namespace Switchboard.Modules.Rolodex.People;

/// <summary>How a person reads in <c>whoami</c> and <c>whois</c>: who they are, their teams and accounts.</summary>
internal static class PersonCard
{
    public static async Task<ReplyBuilder> BuildAsync(SwitchboardDbContext db, PersonId id, CancellationToken cancellationToken)
    {
        var found = await db.Set<Person>().AsNoTracking()
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
        var (person, teams, identities) = (found.Person, found.Teams, found.Identities);

        var card = Reply.Build()
            .Line($"**{person.DisplayName}** (@{person.Handle})")
            .Fields(
                ("Email", person.Email),
                ("Time zone", person.TimeZone),
                ("Administrator", person.IsAdmin ? "yes" : "no"),
                ("Teams", teams.Count == 0 ? "none" : string.Join(", ", teams.Select(t => t.Role == TeamRole.Member ? t.Name : $"{t.Name} ({t.Role.ToString().ToLowerInvariant()})"))));

        if (identities.Count > 0)
        {
            card.Section("Accounts", accounts => accounts.Fields(identities.Select(i => (
                i.Service,
                $"{(i.Workspace.Length > 0 ? i.Workspace + "/" : "")}{i.ExternalId} ({ProofText(i.Proof)})"))));
        }

        return card;
    }

    private static string ProofText(IdentityProof proof) => proof switch
    {
        IdentityProof.Claimed => "claimed, not proven",
        IdentityProof.AssertedByAdmin => "asserted by an admin",
        IdentityProof.ProvenByService => "proven",
    };
}
