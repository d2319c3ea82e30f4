using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;
using Switchboard.Core.Events;
using Switchboard.EventLog;

namespace Switchboard.Modules.Notify.Hooks;

/// <summary>
/// The sources configured under <c>Hooks:&lt;source&gt;</c>: the vendors Switchboard knows by name, and
/// any other name as a custom source signing with Standard Webhooks (and sending <see cref="Notifications.CustomEvent"/>s,
/// about <c>Hooks:&lt;source&gt;:Service</c> when they name no service). A source without secrets is not configured,
/// so it is refused as unknown rather than accepted unsigned. The section is read once per change of the
/// configuration, not once per request: a rotated secret counts from the reload that brings it.
/// </summary>
internal sealed class WebhookSources : IWebhookSources
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

    private Dictionary<string, SourceSettings> _sections;

    public WebhookSources(IConfiguration configuration)
    {
        _sections = Read(configuration);
        ChangeToken.OnChange(configuration.GetReloadToken, () => _sections = Read(configuration));
    }

    public long? MaxBodyBytes(string source) => Settings(source)?.MaxBodyBytes;

    public WebhookVerdict Verify(string source, WebhookRequest request, DateTimeOffset now)
    {
        var verdict = (Vendors.GetValueOrDefault(source) ?? Custom).Verify(request, Secrets(source), now);
        // A custom event that names no service is about the source's default one, and keeps its order with the others.
        return verdict is { Refusal: null, OrderingKey: null } && IsCustom(source) ? verdict with { OrderingKey = DefaultService(source) } : verdict;
    }

    public bool Keeps(string header) => KeptHeaders.Contains(header);

    /// <summary>Whether the source is configured under a name that is none of the vendors': a team's tool, CI, change control.</summary>
    public bool IsCustom(string source) => !Vendors.ContainsKey(source.ToLowerInvariant()) && Settings(source) is not null;

    /// <summary>The custom sources configured here, in lower case.</summary>
    public IEnumerable<string> CustomSources() =>
        _sections.Keys.Select(s => s.ToLowerInvariant()).Where(IsCustom).Distinct().Order(StringComparer.Ordinal);

    /// <summary>
    /// <c>Hooks:&lt;source&gt;:Service</c>: the service a custom source's events are about when they name none; still
    /// read for a source whose secrets were taken away, for the events of it the log holds.
    /// </summary>
    public string? DefaultService(string source) => _sections.GetValueOrDefault(source)?.Service;

    private List<string> Secrets(string source) => Settings(source)?.Secrets ?? [];

    /// <returns>
    /// Null unless the source has a secret: one without is not configured. A front end's source is never a webhook's:
    /// whoever held its secret could send what its consumers take as people's requests.
    /// </returns>
    private SourceSettings? Settings(string source) =>
        !FrontEndSources.Includes(source) && _sections.GetValueOrDefault(source) is { Secrets.Count: > 0 } settings ? settings : null;

    /// <returns>Every section under <c>Hooks:</c>, by name in any case, as configuration keys are.</returns>
    private static Dictionary<string, SourceSettings> Read(IConfiguration configuration) =>
        configuration.GetSection("Hooks").GetChildren().ToDictionary(
            section => section.Key,
            section => new SourceSettings(
                [.. section.GetSection("Secrets").GetChildren().Select(s => s.Value).OfType<string>().Where(s => s.Length > 0)],
                section.GetValue("MaxBodyBytes", DefaultMaxBodyBytes),
                section["Service"] is { } service && !string.IsNullOrWhiteSpace(service) ? service.Trim().ToLowerInvariant() : null),
            StringComparer.OrdinalIgnoreCase);

    private sealed record SourceSettings(List<string> Secrets, long MaxBodyBytes, string? Service);
}
