using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Core.People;
using Switchboard.Data;

namespace Switchboard.Modules.Trust.SecurityKeys;

/// <summary>Keeps the options a browser was given until it answers them, once, within <see cref="WebAuthnOptions.CeremonyLifetime"/>.</summary>
internal sealed class Ceremonies(SwitchboardDbContext db, IOptions<WebAuthnOptions> options, TimeProvider clock)
{
    public async Task<Guid> StartAsync(CeremonyPurpose purpose, PersonId? person, string? linkHash, string optionsJson, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await db.Set<PendingCeremony>().Where(c => c.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
        var ceremony = db.Add(new PendingCeremony
        {
            Id = Guid.CreateVersion7(now),
            Purpose = purpose,
            PersonId = person,
            LinkHash = linkHash,
            OptionsJson = optionsJson,
            ExpiresAt = now + options.Value.CeremonyLifetime,
        });
        await db.SaveChangesAsync(cancellationToken);
        ceremony.State = EntityState.Detached;
        return ceremony.Entity.Id;
    }

    /// <summary>Claims the ceremony by deleting it, so that one answer, and only one, is checked against its challenge.</summary>
    /// <returns>The ceremony, or null when it is unknown, of another purpose, expired or already answered.</returns>
    public async Task<PendingCeremony?> TakeAsync(Guid id, CeremonyPurpose purpose, CancellationToken cancellationToken)
    {
        var ceremony = await db.Set<PendingCeremony>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id && c.Purpose == purpose, cancellationToken);
        if (ceremony is null || await db.Set<PendingCeremony>().Where(c => c.Id == id).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            return null;
        }

        return ceremony.ExpiresAt > clock.GetUtcNow() ? ceremony : null;
    }
}
