using Switchboard.Core.Catalog;
using Switchboard.Modules.Notify.Catalog;
using Switchboard.Modules.Notify.Subscriptions;

namespace Switchboard.Modules.Notify.CatalogDocument;

/// <summary>A service as a document states it, normalised so that equal meaning compares equal.</summary>
internal sealed record DesiredService(string Name, string Team, string? Channel, IReadOnlyList<ServiceLink> Links)
{
    public HashSet<(ServiceLinkKind Kind, string Value)> LinkKeys { get; } = [.. Links.Select(l => (l.Kind, l.Value.ToLowerInvariant()))];

    public static DesiredService From(ServiceYaml yaml)
    {
        var links = yaml.Repos.Select(r => new ServiceLink(ServiceLinkKind.Repository, r.Trim()))
            .Concat(new[] { (ServiceLinkKind.PagerDuty, yaml.Pagerduty), (ServiceLinkKind.Sentry, yaml.Sentry), (ServiceLinkKind.Rollbar, yaml.Rollbar), (ServiceLinkKind.Librato, yaml.Librato) }
                .Where(l => !string.IsNullOrWhiteSpace(l.Item2))
                .Select(l => new ServiceLink(l.Item1, l.Item2!.Trim())))
            .DistinctBy(l => (l.Kind, l.Value.ToLowerInvariant()))
            .ToList();
        var channel = yaml.Channel?.Trim().TrimStart('#').ToLowerInvariant();
        return new(yaml.Name.Trim().ToLowerInvariant(), yaml.Team.Trim().ToLowerInvariant(), string.IsNullOrEmpty(channel) ? null : channel, links);
    }

    public static DesiredService From(CatalogEntry entry) => new(entry.Name, entry.Team, entry.Channel, entry.Links);

    public ServiceYaml ToYaml() => new()
    {
        Name = Name,
        Team = Team,
        Channel = Channel is null ? null : "#" + Channel,
        Repos = [.. Links.Where(l => l.Kind == ServiceLinkKind.Repository).Select(l => l.Value)],
        Pagerduty = Single(ServiceLinkKind.PagerDuty),
        Sentry = Single(ServiceLinkKind.Sentry),
        Rollbar = Single(ServiceLinkKind.Rollbar),
        Librato = Single(ServiceLinkKind.Librato),
    };

    public IReadOnlyList<string> Describe() =>
        [$"team {Team}", $"channel {ChannelText(Channel)}", .. Links.Select(l => $"{ServiceRules.OptionFor(l.Kind)} {l.Value}")];

    public IEnumerable<string> Differences(DesiredService current)
    {
        if (Team != current.Team)
        {
            yield return $"team {current.Team} → {Team}";
        }

        if (Channel != current.Channel)
        {
            yield return $"channel {ChannelText(current.Channel)} → {ChannelText(Channel)}";
        }

        foreach (var added in Links.Where(l => !current.LinkKeys.Contains((l.Kind, l.Value.ToLowerInvariant()))))
        {
            yield return $"+ {ServiceRules.OptionFor(added.Kind)} {added.Value}";
        }

        foreach (var removed in current.Links.Where(l => !LinkKeys.Contains((l.Kind, l.Value.ToLowerInvariant()))))
        {
            yield return $"- {ServiceRules.OptionFor(removed.Kind)} {removed.Value}";
        }
    }

    private string? Single(ServiceLinkKind kind) => Links.FirstOrDefault(l => l.Kind == kind)?.Value;

    private static string ChannelText(string? channel) => channel is null ? "none" : "#" + channel;
}

/// <summary>A subscription as a document states it; its key is what makes two subscriptions the same one.</summary>
internal sealed record DesiredSubscription(string Source, string Scope, string ScopeKey, IReadOnlyList<string> Features, string? Filter, string Channel)
{
    public (string Source, string ScopeKey, string Channel) Key => (Source, ScopeKey, Channel);

    public string Name => $"{Source} {Scope} → #{Channel}";

    public static DesiredSubscription From(SubscriptionYaml yaml)
    {
        var scope = yaml.Scope.Trim();
        return new(
            yaml.Source.Trim().ToLowerInvariant(),
            scope,
            scope.ToLowerInvariant(),
            [.. yaml.Features.Select(f => f.Trim().ToLowerInvariant()).Distinct()],
            string.IsNullOrWhiteSpace(yaml.Filter) ? null : yaml.Filter.Trim(),
            yaml.Channel.Trim().TrimStart('#').ToLowerInvariant());
    }

    public static (string, string, string) KeyOf(Subscription stored) => (stored.Source, stored.ScopeKey, stored.Channel);
}
