using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Audit;
using Switchboard.Core.People;
using Switchboard.Data;
using Switchboard.Modules.Rolodex.People;

namespace Switchboard.Modules.Rolodex.LinkIdentity;

/// <summary>
/// Issues and redeems the codes of <c>rolodex link slack</c>. A redeemed code makes the link proven by the
/// service, replacing a mere claim someone else made on that account; an account an admin vouched for, or
/// one the service already proved to be someone else's, stays theirs.
/// </summary>
internal sealed class LinkCodes(SwitchboardDbContext db, PersonCards cards, IAuditLog audit, TimeProvider clock) : IIdentityLinkCodes
{
    public async Task<string> IssueAsync(PersonId person, string service, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var code = LinkCode.NewCode();
        db.Add(new LinkCode
        {
            Id = Guid.CreateVersion7(now),
            PersonId = person,
            Service = service,
            CodeHash = LinkCode.HashOf(code),
            IssuedAt = now,
            ExpiresAt = now + LinkCode.Lifetime,
        });
        await db.SaveChangesAsync(cancellationToken);
        return code;
    }

    public async Task<IdentityLinkProof> RedeemAsync(string code, ServiceIdentity identity, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var hash = LinkCode.HashOf(code);
        var issued = await db.Set<LinkCode>().AsNoTracking()
            .SingleOrDefaultAsync(c => c.CodeHash == hash && c.Service == identity.Service, cancellationToken);
        if (issued is null || issued.UsedAt is not null || issued.ExpiresAt <= now)
        {
            return new IdentityLinkProof(null, RolodexErrors.LinkCodeInvalid(identity.Service));
        }

        // Whoever marks the code used first owns it; a second redemption, even a concurrent one, finds it used.
        var used = await db.Set<LinkCode>()
            .Where(c => c.Id == issued.Id && c.UsedAt == null)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.UsedAt, now), cancellationToken);
        if (used != 1)
        {
            return new IdentityLinkProof(null, RolodexErrors.LinkCodeInvalid(identity.Service));
        }

        var person = await db.Set<Person>().SingleAsync(p => p.Id == issued.PersonId, cancellationToken);
        var externalId = Services.Normalize(identity.Service, identity.ExternalId);
        var existing = await db.Set<Identity>()
            .SingleOrDefaultAsync(i => i.Service == identity.Service && i.Workspace == identity.Workspace && i.ExternalId == externalId, cancellationToken);
        if (existing is not null && existing.PersonId != person.Id && existing.Proof != IdentityProof.Claimed)
        {
            return new IdentityLinkProof(null, RolodexErrors.IdentityTaken(identity.Service, externalId));
        }

        if (existing is not null && existing.PersonId != person.Id)
        {
            // A claim is a person's word; the service's signature outranks it.
            db.Remove(existing);
            await db.SaveChangesAsync(cancellationToken);
            existing = null;
        }

        var link = existing ?? new Identity
        {
            Id = Guid.CreateVersion7(now),
            PersonId = person.Id,
            Service = identity.Service,
            Workspace = identity.Workspace,
            ExternalId = externalId,
        };
        if (existing is null)
        {
            db.Add(link);
        }

        link.Proof = IdentityProof.ProvenByService;
        link.AssertedBy = null;
        link.LinkedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        cards.Forget(person.Id);
        await audit.AppendAsync(
            new AuditRecord(now, person.Id, identity.Service, "identity.proven", AuditOutcomes.Succeeded, null, $"{identity.Service} account {identity.Workspace}/{externalId}"),
            cancellationToken);
        return new IdentityLinkProof(person.ToSummary(), null);
    }
}
