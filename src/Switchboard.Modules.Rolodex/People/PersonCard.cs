using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Replies;
using Switchboard.Data;
using Switchboard.Modules.Rolodex.Teams;

namespace Switchboard.Modules.Rolodex.People;

/// <summary>How a person reads in <c>whoami</c> and <c>whois</c>: who they are, their teams and accounts.</summary>
internal static class PersonCard
{
    public static async Task<ReplyBuilder> BuildAsync(SwitchboardDbContext db, Person person, CancellationToken cancellationToken)
    {
        var teams = await db.Set<Team>()
            .Where(t => t.Members.Any(m => m.PersonId == person.Id))
            .OrderBy(t => t.Name)
            .Select(t => new { t.Name, t.Members.Single(m => m.PersonId == person.Id).Role })
            .ToListAsync(cancellationToken);

        var card = Reply.Build()
            .Line($"**{person.DisplayName}** (@{person.Handle})")
            .Fields(
                ("Email", person.Email),
                ("Time zone", person.TimeZone),
                ("Administrator", person.IsAdmin ? "yes" : "no"),
                ("Teams", teams.Count == 0 ? "none" : string.Join(", ", teams.Select(t => t.Role == TeamRole.Member ? t.Name : $"{t.Name} ({t.Role.ToString().ToLowerInvariant()})"))));

        var identities = person.Identities.OrderBy(i => i.Service).ThenBy(i => i.ExternalId).ToList();
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
