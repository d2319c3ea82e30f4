using Microsoft.Extensions.Configuration;
using Switchboard.Core.Events;

namespace Switchboard.Modules.Notify.Hooks;

/// <summary>
/// The sources configured under <c>Hooks:&lt;source&gt;</c>: the vendors Switchboard knows by name, and
/// any other name as a custom source signing with Standard Webhooks. A source without secrets is not
/// configured, so it is refused as unknown rather than accepted unsigned.
/// </summary>
internal sealed class WebhookSources(IConfiguration configuration) : IWebhookSources
{
    public const long DefaultMaxBodyBytes = 2 * 1024 * 1024;

    private static readonly Dictionary<string, IWebhookScheme> Vendors = new(StringComparer.Ordinal)
    {
        ["github"] = new GitHubScheme(),
        ["pagerduty"] = new PagerDutyScheme(),
        ["sentry"] = new SentryScheme(),
        ["rollbar"] = SharedTokenScheme.Rollbar,
        ["librato"] = SharedTokenScheme.Librato,
    };

    private static readonly StandardWebhooksScheme Custom = new();

    /// <summary>What handlers read; signatures, tokens and cookies are never kept.</summary>
    private static readonly HashSet<string> KeptHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Content-Type", "User-Agent", "X-GitHub-Event", "X-GitHub-Delivery", "X-GitHub-Hook-ID",
        "Sentry-Hook-Resource", "Request-ID", "webhook-id", "webhook-timestamp",
    };

    public long? MaxBodyBytes(string source) =>
        Secrets(source).Count == 0 ? null : Section(source).GetValue("MaxBodyBytes", DefaultMaxBodyBytes);

    public WebhookVerdict Verify(string source, WebhookRequest request, DateTimeOffset now) =>
        (Vendors.GetValueOrDefault(source) ?? Custom).Verify(request, Secrets(source), now);

    public bool Keeps(string header) => KeptHeaders.Contains(header);

    private List<string> Secrets(string source) =>
        Section(source).GetSection("Secrets").GetChildren().Select(s => s.Value).OfType<string>().Where(s => s.Length > 0).ToList();

    private IConfigurationSection Section(string source) => configuration.GetSection("Hooks").GetSection(source);
}
