using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Catalog;
using Switchboard.Data;

namespace Switchboard.Modules.Notify.Timeline;

/// <summary>The Notify module's side of the core's timeline contract; entries commit with the caller's transaction.</summary>
internal sealed class ServiceTimeline(SwitchboardDbContext db) : IServiceTimeline
{
    public async Task RecordAsync(TimelineEntry entry, CancellationToken cancellationToken)
    {
        var service = entry.Service.ToLowerInvariant();
        var recorded = await db.Set<TimelineRecord>()
            .AnyAsync(r => r.Service == service && r.Source == entry.Source && r.Reference == entry.Reference, cancellationToken);
        if (recorded)
        {
            return;
        }

        db.Add(TimelineRecord.From(entry with { Service = service }));
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<TimelineEntry>> ReadAsync(
        string service, DateTimeOffset since, IReadOnlyCollection<TimelineKind> kinds, int limit, CancellationToken cancellationToken)
    {
        var key = service.ToLowerInvariant();
        var records = await db.Set<TimelineRecord>().AsNoTracking()
            .Where(r => r.Service == key && r.OccurredAt >= since && (kinds.Count == 0 || kinds.Contains(r.Kind)))
            .OrderByDescending(r => r.OccurredAt).ThenByDescending(r => r.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
        return [.. records.Select(r => r.ToEntry())];
    }

    public async Task<IReadOnlyList<TimelineEntry>> OpenAlertsAsync(string service, CancellationToken cancellationToken)
    {
        var key = service.ToLowerInvariant();
        var alerts = await db.Set<TimelineRecord>().AsNoTracking()
            .Where(r => r.Service == key && r.AlertKey != null && (r.Kind == TimelineKind.AlertOpened || r.Kind == TimelineKind.AlertClosed))
            .ToListAsync(cancellationToken);
        return
        [
            .. alerts.GroupBy(r => r.AlertKey)
                .Select(alert => alert.OrderBy(r => r.OccurredAt).ThenBy(r => r.Id).Last())
                .Where(latest => latest.Kind == TimelineKind.AlertOpened)
                .OrderBy(r => r.OccurredAt)
                .Select(r => r.ToEntry()),
        ];
    }
}
