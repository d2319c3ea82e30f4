using Switchboard.Testing;

namespace Switchboard.Modules.Notify.Tests.Catalog;

/// <summary>A host that takes signed webhooks from GitHub, PagerDuty and Sentry, so events can find their services.</summary>
public sealed class CatalogHost : SqliteHost
{
    public const string Secret = "catalog-secret";

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Hooks:github:Secrets:0"] = Secret,
        ["Hooks:pagerduty:Secrets:0"] = Secret,
        ["Hooks:sentry:Secrets:0"] = Secret,
    };
}
