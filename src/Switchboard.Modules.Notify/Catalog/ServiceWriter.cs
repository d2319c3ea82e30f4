using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Catalog;
using Switchboard.Core.Errors;
using Switchboard.Core.People;
using Switchboard.Data;
using Switchboard.Delivery.Channels;

namespace Switchboard.Modules.Notify.Catalog;

/// <summary>What a service should be after a create, an edit or an applied configuration.</summary>
/// <param name="Channel">Without <c>#</c>; null for none.</param>
internal sealed record ServiceDraft(string Name, string Team, string? Channel, IReadOnlyList<ServiceLink> Links);

/// <summary>Checks a draft against the rules and the other services' claims, then saves it: one path for every way a service changes.</summary>
internal sealed class ServiceWriter(SwitchboardDbContext db, ChannelPosts channels, TimeProvider clock)
{
    public Task<Service?> FindAsync(string name, CancellationToken cancellationToken)
    {
        var key = name.Trim().TrimStart('#').ToLowerInvariant();
        return db.Set<Service>().Include(s => s.Links).SingleOrDefaultAsync(s => s.Name == key, cancellationToken);
    }

    /// <summary>Normalises and checks a draft without saving it, as a dry run does.</summary>
    public async Task<(ServiceDraft? Draft, Error? Error)> CheckAsync(ServiceDraft draft, CancellationToken cancellationToken)
    {
        var name = draft.Name.Trim().ToLowerInvariant();
        if (ServiceRules.CheckName(name) is { } badName)
        {
            return (null, badName);
        }

        var team = draft.Team.Trim().ToLowerInvariant();
        if (team.Length is 0 or > 64)
        {
            return (null, Error.Invalid("notify.invalid-team", $"Service {name} needs an owning team: --team <team>, at most 64 characters."));
        }

        var channel = draft.Channel?.Trim().TrimStart('#').ToLowerInvariant();
        if (channel is { Length: > 0 } && !await channels.ExistsAsync(channel, cancellationToken))
        {
            return (null, NotifyErrors.UnknownChannel("#" + channel));
        }

        var links = draft.Links.Select(l => l with { Value = l.Value.Trim() }).DistinctBy(l => (l.Kind, l.Value.ToLowerInvariant())).ToList();
        if (links.Select(l => ServiceRules.CheckLink(l.Kind, l.Value)).OfType<Error>().FirstOrDefault() is { } badLink)
        {
            return (null, badLink);
        }

        foreach (var link in links)
        {
            var key = link.Value.ToLowerInvariant();
            var claimant = await db.Set<ServiceLinkRecord>().AsNoTracking()
                .Where(l => l.Kind == link.Kind && l.Key == key)
                .Join(db.Set<Service>(), l => l.ServiceId, s => s.Id, (l, s) => s.Name)
                .SingleOrDefaultAsync(cancellationToken);
            if (claimant is not null && claimant != name)
            {
                return (null, Error.Conflict(
                    "notify.link-claimed",
                    $"{link.Value} already belongs to service {claimant}; `service edit {claimant} {(link.Kind == ServiceLinkKind.Repository ? "--remove-repo " + link.Value : $"--{ServiceRules.OptionFor(link.Kind)} none")}` frees it."));
            }
        }

        return (new ServiceDraft(name, team, string.IsNullOrEmpty(channel) ? null : channel, links), null);
    }

    /// <summary>Creates the service, or makes the existing one match the draft.</summary>
    public async Task<(Service? Service, Error? Error)> SaveAsync(Service? existing, ServiceDraft draft, PersonId by, CancellationToken cancellationToken)
    {
        var (checkedDraft, error) = await CheckAsync(draft, cancellationToken);
        if (checkedDraft is null)
        {
            return (null, error);
        }

        var now = clock.GetUtcNow();
        var service = existing ?? new Service
        {
            Id = Guid.CreateVersion7(now),
            Name = checkedDraft.Name,
            Team = checkedDraft.Team,
            CreatedBy = by,
            CreatedAt = now,
        };
        if (existing is null)
        {
            db.Add(service);
        }

        service.Team = checkedDraft.Team;
        service.Channel = checkedDraft.Channel;
        service.UpdatedAt = now;
        var wanted = checkedDraft.Links.ToDictionary(l => (l.Kind, l.Value.ToLowerInvariant()));
        service.Links.RemoveAll(l => !wanted.ContainsKey((l.Kind, l.Key)));
        foreach (var ((kind, key), link) in wanted)
        {
            if (!service.Links.Any(l => l.Kind == kind && l.Key == key))
            {
                service.Links.Add(new ServiceLinkRecord { ServiceId = service.Id, Kind = kind, Value = link.Value, Key = key });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return (service, null);
    }

    public async Task DeleteAsync(Service service, CancellationToken cancellationToken)
    {
        db.Remove(service);
        await db.SaveChangesAsync(cancellationToken);
    }
}
