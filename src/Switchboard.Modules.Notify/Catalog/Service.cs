using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Core.Catalog;
using Switchboard.Core.People;

namespace Switchboard.Modules.Notify.Catalog;

/// <summary>A service in the catalog: who owns it, where its news goes, and what on other systems is part of it.</summary>
internal sealed class Service
{
    public Guid Id { get; init; }

    /// <summary>Lower case and unique: <c>api</c>, <c>billing-worker</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The owning team's name, lower case.</summary>
    public required string Team { get; set; }

    /// <summary>The channel that gets its alerts, without <c>#</c>.</summary>
    public string? Channel { get; set; }

    public List<ServiceLinkRecord> Links { get; init; } = [];

    public PersonId CreatedBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public CatalogEntry ToEntry() => new(
        Name,
        Team,
        Channel,
        [.. Links.OrderBy(l => l.Kind).ThenBy(l => l.Key, StringComparer.Ordinal).Select(l => new ServiceLink(l.Kind, l.Value))]);
}

/// <summary>One thing on another system claimed by a service; the key makes each claimable by one service only.</summary>
internal sealed class ServiceLinkRecord
{
    public Guid ServiceId { get; init; }

    public ServiceLinkKind Kind { get; init; }

    /// <summary>As typed, for display.</summary>
    public required string Value { get; init; }

    /// <summary>The value in lower case, which events are matched on.</summary>
    public required string Key { get; init; }
}

internal sealed class ServiceConfiguration : IEntityTypeConfiguration<Service>
{
    public void Configure(EntityTypeBuilder<Service> service)
    {
        service.ToTable("notify_services");
        service.HasKey(s => s.Id);
        service.Property(s => s.Name).HasMaxLength(ServiceRules.MaxNameLength);
        service.Property(s => s.Team).HasMaxLength(64);
        service.Property(s => s.Channel).HasMaxLength(80);
        service.HasIndex(s => s.Name).IsUnique();
        service.HasIndex(s => s.Team);
        service.HasMany(s => s.Links).WithOne().HasForeignKey(l => l.ServiceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ServiceLinkConfiguration : IEntityTypeConfiguration<ServiceLinkRecord>
{
    public void Configure(EntityTypeBuilder<ServiceLinkRecord> link)
    {
        link.ToTable("notify_service_links");
        link.HasKey(l => new { l.Kind, l.Key });
        link.Property(l => l.Kind).HasConversion<string>().HasMaxLength(16);
        link.Property(l => l.Value).HasMaxLength(ServiceRules.MaxLinkLength);
        link.Property(l => l.Key).HasMaxLength(ServiceRules.MaxLinkLength);
        link.HasIndex(l => l.ServiceId);
    }
}
