using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Catalog;
using Switchboard.Data;

namespace Switchboard.Modules.Notify.Catalog;

/// <summary>The Notify module's side of the core's catalog contract, read through the scope's database context.</summary>
internal sealed class ServiceCatalog(SwitchboardDbContext db) : IServiceCatalog
{
    public async Task<CatalogEntry?> FindAsync(string name, CancellationToken cancellationToken)
    {
        var key = name.Trim().ToLowerInvariant();
        return (await Services().SingleOrDefaultAsync(s => s.Name == key, cancellationToken))?.ToEntry();
    }

    public async Task<CatalogEntry?> FindByLinkAsync(ServiceLinkKind kind, string value, CancellationToken cancellationToken)
    {
        var key = value.ToLowerInvariant();
        if (kind != ServiceLinkKind.Librato)
        {
            var owner = await db.Set<ServiceLinkRecord>().AsNoTracking()
                .Where(l => l.Kind == kind && l.Key == key).Select(l => (Guid?)l.ServiceId).SingleOrDefaultAsync(cancellationToken);
            return owner is null ? null : (await Services().SingleAsync(s => s.Id == owner, cancellationToken)).ToEntry();
        }

        // Librato alerts are claimed by name prefix; the longest claim wins, as the most specific.
        var prefixes = await db.Set<ServiceLinkRecord>().AsNoTracking().Where(l => l.Kind == kind).ToListAsync(cancellationToken);
        var claim = prefixes.Where(l => key.StartsWith(l.Key, StringComparison.Ordinal)).MaxBy(l => l.Key.Length);
        return claim is null ? null : (await Services().SingleAsync(s => s.Id == claim.ServiceId, cancellationToken)).ToEntry();
    }

    public async Task<IReadOnlyList<CatalogEntry>> OwnedByAsync(string team, CancellationToken cancellationToken)
    {
        var key = team.Trim().ToLowerInvariant();
        var owned = await Services().Where(s => s.Team == key).OrderBy(s => s.Name).ToListAsync(cancellationToken);
        return [.. owned.Select(s => s.ToEntry())];
    }

    private IQueryable<Service> Services() => db.Set<Service>().AsNoTracking().Include(s => s.Links);
}
