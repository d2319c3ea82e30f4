using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Core.People;
using Switchboard.Modules.Notify.Filters;
using Switchboard.Modules.Notify.Hooks;
using Switchboard.Modules.Notify.Notifications;

namespace Switchboard.Modules.Notify.Subscriptions;

/// <summary>A channel's standing order for a source's events about one scope (a repository, an organisation, a service).</summary>
internal sealed class Subscription
{
    public Guid Id { get; init; }

    public required string Source { get; init; }

    /// <summary><c>owner/repo</c>, <c>owner</c> for a whole GitHub organisation, or a service id, as typed.</summary>
    public required string Scope { get; init; }

    /// <summary>The scope in lower case, which events are matched on: GitHub's names ignore case.</summary>
    public required string ScopeKey { get; init; }

    /// <summary>Space-separated, as <see cref="SourceFeatures"/> names them.</summary>
    public required string Features { get; set; }

    /// <summary>Only notifications it matches are posted; null for all of them.</summary>
    public SubscriptionFilter? Filter { get; set; }

    /// <summary>The built-in channel's name, without <c>#</c>.</summary>
    public required string Channel { get; init; }

    public PersonId CreatedBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public bool Wants(Notification notification) =>
        Features.Split(' ').Contains(notification.Feature) && (Filter?.Matches(notification.Facts) ?? true);
}

internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> subscription)
    {
        subscription.ToTable("notify_subscriptions");
        subscription.HasKey(s => s.Id);
        subscription.Property(s => s.Source).HasMaxLength(64);
        subscription.Property(s => s.Scope).HasMaxLength(200);
        subscription.Property(s => s.Features).HasMaxLength(400);
        subscription.Property(s => s.Filter)
            .HasConversion(filter => filter!.Text, text => SubscriptionFilter.FromStored(text))
            .HasMaxLength(SubscriptionFilter.MaxNormalLength);
        subscription.Property(s => s.Channel).HasMaxLength(80);
        subscription.Property(s => s.ScopeKey).HasMaxLength(200);
        subscription.HasIndex(s => new { s.Source, s.ScopeKey, s.Channel }).IsUnique();
    }
}

/// <summary>
/// What a subscription may ask for from each source: the vendors' features, and for every custom source
/// configured here, <see cref="CustomEvent.Features"/>. A subscription naming none gets them all.
/// </summary>
internal sealed class SourceFeatures(WebhookSources sources)
{
    private static readonly Dictionary<string, IReadOnlyList<string>> Vendors = new()
    {
        ["github"] = ["issues", "pulls", "reviews", "comments", "deployments", "statuses", "checks", "pushes", "releases", "ping"],
        ["pagerduty"] = ["incidents"],
        ["sentry"] = ["issues", "alerts"],
        ["rollbar"] = ["items", "deploys"],
        ["librato"] = ["alerts"],
    };

    /// <summary>Every source a subscription may name: the vendors, then the custom sources configured here.</summary>
    public IEnumerable<string> Sources => Vendors.Keys.Concat(sources.CustomSources());

    /// <returns>What the source sends, or null for a source Switchboard does not know.</returns>
    public IReadOnlyList<string>? Of(string source) =>
        Vendors.GetValueOrDefault(source) ?? (sources.IsCustom(source) ? CustomEvent.Features : null);
}

/// <summary>How a subscription names a service or a team as its scope, beside repositories and vendors' ids.</summary>
internal static class ServiceScopes
{
    public const string ServicePrefix = "service:";
    public const string TeamPrefix = "team:";

    public static string Service(string name) => ServicePrefix + name.ToLowerInvariant();

    public static string Team(string name) => TeamPrefix + name.ToLowerInvariant();
}
