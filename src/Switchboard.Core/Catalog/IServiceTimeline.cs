namespace Switchboard.Core.Catalog;

/// <summary>
/// What happened to each service, in time: deploys, errors, merges, alerts opened and closed. Owned by the
/// Notify module, which records what arrives by webhook; paging records incidents, deploys record deploys,
/// and both read it (context on a page, no deploy while an alert is open).
/// </summary>
public interface IServiceTimeline
{
    /// <summary>
    /// Adds an entry through the scope's database context, so it commits with the caller's work. An entry
    /// whose service, source and reference were recorded before is ignored: a redelivered event adds nothing.
    /// </summary>
    Task RecordAsync(TimelineEntry entry, CancellationToken cancellationToken);

    /// <summary>A service's entries at or after <paramref name="since"/>, newest first.</summary>
    /// <param name="kinds">Only these kinds; every kind when empty.</param>
    Task<IReadOnlyList<TimelineEntry>> ReadAsync(
        string service, DateTimeOffset since, IReadOnlyCollection<TimelineKind> kinds, int limit, CancellationToken cancellationToken);

    /// <summary>The alerts on a service whose latest entry opened them, oldest first.</summary>
    Task<IReadOnlyList<TimelineEntry>> OpenAlertsAsync(string service, CancellationToken cancellationToken);
}

/// <param name="Service">The catalog's name for it, lower case.</param>
/// <param name="Title">One line a person reads: <c>Deployment of main to production succeeded</c>.</param>
/// <param name="Source">Who told us: <c>github</c>, <c>sentry</c>, <c>deploy</c>.</param>
/// <param name="Reference">What the source calls this happening (a webhook's delivery id); with the service and source, it makes the entry unique.</param>
/// <param name="Subject">What it concerns within the service (<c>owner/repo</c>, an environment), or null.</param>
/// <param name="AlertKey">For alerts, what ties an opening to its closing (an incident id); null otherwise.</param>
/// <param name="Actor">Who did it, as the source names them, when known.</param>
public sealed record TimelineEntry(
    string Service,
    TimelineKind Kind,
    DateTimeOffset OccurredAt,
    string Title,
    Uri? Url,
    string Source,
    string Reference,
    string? Subject,
    string? AlertKey,
    string? Actor);

public enum TimelineKind
{
    Deploy,
    Error,
    Merge,
    AlertOpened,
    AlertClosed,
}
