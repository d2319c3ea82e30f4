namespace Switchboard.Core.Catalog;

/// <summary>
/// The services people run, who owns each and where its news goes. Implemented by the Notify module;
/// paging and deploys look services up here rather than keep their own list.
/// </summary>
public interface IServiceCatalog
{
    /// <summary>Finds a service by its name, ignoring case.</summary>
    Task<CatalogEntry?> FindAsync(string name, CancellationToken cancellationToken);

    /// <summary>Finds the service that claims a thing on another system, such as a repository or a PagerDuty service.</summary>
    Task<CatalogEntry?> FindByLinkAsync(ServiceLinkKind kind, string value, CancellationToken cancellationToken);

    Task<IReadOnlyList<CatalogEntry>> OwnedByAsync(string team, CancellationToken cancellationToken);
}

/// <param name="Name">Lower case and unique.</param>
/// <param name="Team">The owning team's name, lower case.</param>
/// <param name="Channel">Where its alerts go, without <c>#</c>; null to rely on subscriptions alone.</param>
public sealed record CatalogEntry(string Name, string Team, string? Channel, IReadOnlyList<ServiceLink> Links)
{
    public IEnumerable<string> LinksOf(ServiceLinkKind kind) => Links.Where(l => l.Kind == kind).Select(l => l.Value);
}

/// <summary>One thing on another system that belongs to a service; each belongs to at most one.</summary>
/// <param name="Value">As the other system writes it: <c>owner/repo</c>, a PagerDuty service id, a Sentry project slug.</param>
public sealed record ServiceLink(ServiceLinkKind Kind, string Value);

public enum ServiceLinkKind
{
    /// <summary>A GitHub repository, <c>owner/repo</c>.</summary>
    Repository,

    /// <summary>A PagerDuty service id, such as <c>PF9KMXH</c>.</summary>
    PagerDuty,

    /// <summary>A Sentry project slug.</summary>
    Sentry,

    /// <summary>A Rollbar project id.</summary>
    Rollbar,

    /// <summary>A prefix of Librato alert names.</summary>
    Librato,
}

/// <summary>
/// Configuration as code: the catalog and every subscription as one YAML document. Implemented by the
/// Notify module; the server's <c>/api/config</c> speaks it.
/// </summary>
public interface ICatalogConfiguration
{
    Task<string> ExportAsync(CancellationToken cancellationToken);

    /// <summary>Compares the document with what is stored and, unless it is a dry run, makes the store match it in one transaction.</summary>
    Task<(ConfigurationPlan? Plan, Errors.Error? Error)> ApplyAsync(string yaml, bool dryRun, Commands.Actor actor, CancellationToken cancellationToken);
}

/// <summary>What applying a document changes (or would change, on a dry run), in the order it is listed.</summary>
public sealed record ConfigurationPlan(bool Applied, IReadOnlyList<ConfigurationChange> Changes);

/// <param name="Action"><c>create</c>, <c>update</c> or <c>delete</c>.</param>
/// <param name="Kind"><c>service</c> or <c>subscription</c>.</param>
/// <param name="Details">What is set or changed, one item each: <c>channel #ops → none</c>.</param>
public sealed record ConfigurationChange(string Action, string Kind, string Name, IReadOnlyList<string> Details);
