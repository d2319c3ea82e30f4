using Microsoft.Extensions.Configuration;
using Switchboard.Core.Events;

namespace Switchboard.Modules.Notify.Hooks;

/// <summary>
/// The sources configured under <c>Hooks:&lt;source&gt;</c>: the vendors Switchboard knows by name, and
/// any other name as a custom source signing with Standard Webhooks (and sending <see cref="Notifications.CustomEvent"/>s,
/// about <c>Hooks:&lt;source&gt;:Service</c> when they name no service). A source without secrets is not configured,
/// so it is refused as unknown rather than accepted unsigned.
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

    public WebhookVerdict Verify(string source, WebhookRequest request, DateTimeOffset now)
    {
        var verdict = (Vendors.GetValueOrDefault(source) ?? Custom).Verify(request, Secrets(source), now);
        // A custom event that names no service is about the source's default one, and keeps its order with the others.
        return verdict is { Refusal: null, OrderingKey: null } && IsCustom(source) ? verdict with { OrderingKey = DefaultService(source) } : verdict;
    }

    public bool Keeps(string header) => KeptHeaders.Contains(header);

    /// <summary>Whether the source is configured under a name that is none of the vendors': a team's tool, CI, change control.</summary>
    public bool IsCustom(string source) => !Vendors.ContainsKey(source.ToLowerInvariant()) && Secrets(source).Count > 0;

    /// <summary>The custom sources configured here, in lower case.</summary>
    public IEnumerable<string> CustomSources() =>
        configuration.GetSection("Hooks").GetChildren().Select(s => s.Key.ToLowerInvariant()).Where(IsCustom).Distinct().Order(StringComparer.Ordinal);

    /// <summary><c>Hooks:&lt;source&gt;:Service</c>: the service a custom source's events are about when they name none.</summary>
    public string? DefaultService(string source) =>
        Section(source)["Service"] is { } service && !string.IsNullOrWhiteSpace(service) ? service.Trim().ToLowerInvariant() : null;

    private List<string> Secrets(string source) =>
        Section(source).GetSection("Secrets").GetChildren().Select(s => s.Value).OfType<string>().Where(s => s.Length > 0).ToList();

    private IConfigurationSection Section(string source) => configuration.GetSection("Hooks").GetSection(source);
}
