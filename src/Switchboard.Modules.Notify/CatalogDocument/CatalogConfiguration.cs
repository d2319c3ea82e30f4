using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Audit;
using Switchboard.Core.Catalog;
using Switchboard.Core.Commands;
using Switchboard.Core.Errors;
using Switchboard.Data;
using Switchboard.Delivery.Channels;
using Switchboard.Modules.Notify.Catalog;
using Switchboard.Modules.Notify.Filters;
using Switchboard.Modules.Notify.Subscriptions;

namespace Switchboard.Modules.Notify.CatalogDocument;

/// <summary>
/// Configuration as code: the catalog and the subscriptions exported as one YAML document, and a document
/// applied as the whole truth, so applying the same document twice changes nothing the second time.
/// </summary>
internal sealed class CatalogConfiguration(SwitchboardDbContext db, ChannelPosts channels, SourceFeatures sources, IAuditLog audit, TimeProvider clock) : ICatalogConfiguration
{
    public async Task<string> ExportAsync(CancellationToken cancellationToken)
    {
        var services = await db.Set<Service>().AsNoTracking().Include(s => s.Links).OrderBy(s => s.Name).ToListAsync(cancellationToken);
        var subscriptions = await db.Set<Subscription>().AsNoTracking()
            .OrderBy(s => s.Channel).ThenBy(s => s.Source).ThenBy(s => s.ScopeKey).ToListAsync(cancellationToken);
        return new CatalogYaml
        {
            Services = [.. services.Select(s => DesiredService.From(s.ToEntry()).ToYaml())],
            Subscriptions = [.. subscriptions.Select(s => new SubscriptionYaml { Source = s.Source, Scope = s.Scope, Features = [.. s.Features.Split(' ')], Filter = s.Filter?.Text, Channel = "#" + s.Channel })],
        }.Write();
    }

    public async Task<(ConfigurationPlan? Plan, Error? Error)> ApplyAsync(string yaml, bool dryRun, Actor actor, CancellationToken cancellationToken)
    {
        var (document, unreadable) = CatalogYaml.Read(yaml);
        if (document is null)
        {
            return (null, unreadable);
        }

        var (services, badService) = await ReadServicesAsync(document, cancellationToken);
        if (services is null)
        {
            return (null, badService);
        }

        var (subscriptions, badSubscription) = await ReadSubscriptionsAsync(document, services, cancellationToken);
        if (subscriptions is null)
        {
            return (null, badSubscription);
        }

        var storedServices = await db.Set<Service>().Include(s => s.Links).ToListAsync(cancellationToken);
        var storedSubscriptions = await db.Set<Subscription>().ToListAsync(cancellationToken);
        var changes = ServiceChanges(services, storedServices).Concat(SubscriptionChanges(subscriptions, storedSubscriptions)).ToList();
        if (!dryRun && changes.Count > 0)
        {
            await SaveAsync(services, storedServices, subscriptions, storedSubscriptions, actor, cancellationToken);
            await audit.AppendAsync(new AuditRecord(
                clock.GetUtcNow(), actor.PersonId, actor.FrontEnd.ToString().ToLowerInvariant(), "config.apply", AuditOutcomes.Succeeded, null,
                string.Join("; ", changes.Select(c => $"{c.Action} {c.Kind} {c.Name}"))), cancellationToken);
        }

        return (new ConfigurationPlan(Applied: !dryRun, changes), null);
    }

    private async Task<(List<DesiredService>?, Error?)> ReadServicesAsync(CatalogYaml document, CancellationToken cancellationToken)
    {
        var services = new List<DesiredService>();
        foreach (var (entry, index) in document.Services.Select((s, i) => (s, i)))
        {
            var where = $"services[{index}]{(entry.Name.Length == 0 ? "" : $" ({entry.Name})")}";
            var desired = DesiredService.From(entry);
            var problem = ServiceRules.CheckName(desired.Name)
                ?? (desired.Team.Length is 0 or > 64 ? NotifyErrors.NoTeam(desired.Name) : null)
                ?? desired.Links.Select(l => ServiceRules.CheckLink(l.Kind, l.Value)).OfType<Error>().FirstOrDefault()
                ?? (desired.Channel is { } channel && !await channels.ExistsAsync(channel, cancellationToken) ? NotifyErrors.UnknownChannel("#" + channel) : null)
                ?? (services.Any(s => s.Name == desired.Name) ? Error.Invalid("config.duplicate-service", $"Service {desired.Name} is listed twice.") : null)
                ?? (services.FirstOrDefault(s => s.LinkKeys.Overlaps(desired.LinkKeys)) is { } other
                    ? Error.Invalid("config.link-claimed-twice", $"{desired.Name} and {other.Name} both claim {string.Join(", ", other.LinkKeys.Intersect(desired.LinkKeys).Select(k => k.Value))}.")
                    : null);
            if (problem is not null)
            {
                return (null, problem with { Detail = $"{where}: {problem.Detail}" });
            }

            services.Add(desired);
        }

        return (services, null);
    }

    private async Task<(List<DesiredSubscription>?, Error?)> ReadSubscriptionsAsync(CatalogYaml document, List<DesiredService> services, CancellationToken cancellationToken)
    {
        var subscriptions = new List<DesiredSubscription>();
        foreach (var (entry, index) in document.Subscriptions.Select((s, i) => (s, i)))
        {
            var desired = DesiredSubscription.From(entry);
            var known = sources.Of(desired.Source);
            var problem = (known is null ? NotifyErrors.UnknownSource(entry.Source, sources.Sources) : null)
                ?? (desired.Features.FirstOrDefault(f => !known!.Contains(f)) is { } feature ? NotifyErrors.UnknownFeature(desired.Source, feature, known!) : null)
                ?? (desired.Scope.Length is 0 or > 200 ? Error.Invalid("config.invalid-scope", "A subscription needs a scope of at most 200 characters.") : null)
                ?? (desired.ScopeKey.StartsWith(ServiceScopes.ServicePrefix, StringComparison.Ordinal)
                    && !services.Any(s => ServiceScopes.Service(s.Name) == desired.ScopeKey) ? NotifyErrors.UnknownService(desired.Scope) : null)
                ?? (desired.Channel.Length == 0 ? NotifyErrors.NoChannel() : null)
                ?? (!await channels.ExistsAsync(desired.Channel, cancellationToken) ? NotifyErrors.UnknownChannel("#" + desired.Channel) : null)
                ?? (subscriptions.Any(s => s.Key == desired.Key) ? Error.Invalid("config.duplicate-subscription", "This subscription is listed twice.") : null);
            var (filter, badFilter) = desired.Filter is null ? (null, null) : SubscriptionFilter.Parse(desired.Filter);
            if ((problem ?? badFilter) is { } refused)
            {
                return (null, refused with { Detail = $"subscriptions[{index}] ({entry.Source} {entry.Scope}): {refused.Detail}" });
            }

            subscriptions.Add(desired with { Features = [.. known!.Where(f => desired.Features.Count == 0 || desired.Features.Contains(f))], Filter = filter?.Text });
        }

        return (subscriptions, null);
    }

    private static IEnumerable<ConfigurationChange> ServiceChanges(List<DesiredService> desired, List<Service> stored)
    {
        foreach (var service in desired)
        {
            var current = stored.SingleOrDefault(s => s.Name == service.Name);
            if (current is null)
            {
                yield return new("create", "service", service.Name, service.Describe());
                continue;
            }

            var differences = service.Differences(DesiredService.From(current.ToEntry())).ToList();
            if (differences.Count > 0)
            {
                yield return new("update", "service", service.Name, differences);
            }
        }

        foreach (var gone in stored.Where(s => desired.All(d => d.Name != s.Name)).OrderBy(s => s.Name))
        {
            yield return new("delete", "service", gone.Name, []);
        }
    }

    private static IEnumerable<ConfigurationChange> SubscriptionChanges(List<DesiredSubscription> desired, List<Subscription> stored)
    {
        foreach (var subscription in desired)
        {
            var current = stored.SingleOrDefault(s => DesiredSubscription.KeyOf(s) == subscription.Key);
            var features = string.Join(' ', subscription.Features);
            var filter = subscription.Filter is null ? "none" : $"`{subscription.Filter}`";
            if (current is null)
            {
                yield return new("create", "subscription", subscription.Name, subscription.Filter is null ? [$"features {features}"] : [$"features {features}", $"filter {filter}"]);
                continue;
            }

            var changes = new List<string>();
            if (!current.Features.Split(' ').ToHashSet().SetEquals(subscription.Features))
            {
                changes.Add($"features {current.Features} → {features}");
            }

            if (current.Filter?.Text != subscription.Filter)
            {
                changes.Add($"filter {(current.Filter is null ? "none" : $"`{current.Filter.Text}`")} → {filter}");
            }

            if (changes.Count > 0)
            {
                yield return new("update", "subscription", subscription.Name, changes);
            }
        }

        foreach (var gone in stored.Where(s => desired.All(d => d.Key != DesiredSubscription.KeyOf(s))))
        {
            yield return new("delete", "subscription", $"{gone.Source} {gone.Scope} → #{gone.Channel}", []);
        }
    }

    private async Task SaveAsync(
        List<DesiredService> services, List<Service> storedServices, List<DesiredSubscription> subscriptions, List<Subscription> storedSubscriptions,
        Actor actor, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Links leave their old owners before new ones claim them: one document may move a link between services.
        db.RemoveRange(storedServices.Where(s => services.All(d => d.Name != s.Name)));
        foreach (var service in storedServices)
        {
            var wanted = services.SingleOrDefault(d => d.Name == service.Name)?.LinkKeys ?? [];
            service.Links.RemoveAll(l => !wanted.Contains((l.Kind, l.Key)));
        }

        db.RemoveRange(storedSubscriptions.Where(s => subscriptions.All(d => d.Key != DesiredSubscription.KeyOf(s))));
        await db.SaveChangesAsync(cancellationToken);

        var now = clock.GetUtcNow();
        foreach (var desired in services)
        {
            var service = storedServices.SingleOrDefault(s => s.Name == desired.Name);
            if (service is null)
            {
                service = new Service { Id = Guid.CreateVersion7(now), Name = desired.Name, Team = desired.Team, CreatedBy = actor.PersonId, CreatedAt = now };
                db.Add(service);
            }

            service.Team = desired.Team;
            service.Channel = desired.Channel;
            service.UpdatedAt = now;
            foreach (var link in desired.Links.Where(l => !service.Links.Any(s => (s.Kind, s.Key) == (l.Kind, l.Value.ToLowerInvariant()))))
            {
                service.Links.Add(new ServiceLinkRecord { ServiceId = service.Id, Kind = link.Kind, Value = link.Value, Key = link.Value.ToLowerInvariant() });
            }
        }

        foreach (var desired in subscriptions)
        {
            var features = string.Join(' ', desired.Features);
            if (storedSubscriptions.SingleOrDefault(s => DesiredSubscription.KeyOf(s) == desired.Key) is { } current)
            {
                current.Features = current.Features.Split(' ').ToHashSet().SetEquals(desired.Features) ? current.Features : features;
                current.Filter = desired.Filter is null ? null : SubscriptionFilter.FromStored(desired.Filter);
                continue;
            }

            db.Add(new Subscription
            {
                Id = Guid.CreateVersion7(now),
                Source = desired.Source,
                Scope = desired.Scope,
                ScopeKey = desired.ScopeKey,
                Features = features,
                Filter = desired.Filter is null ? null : SubscriptionFilter.FromStored(desired.Filter),
                Channel = desired.Channel,
                CreatedBy = actor.PersonId,
                CreatedAt = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
