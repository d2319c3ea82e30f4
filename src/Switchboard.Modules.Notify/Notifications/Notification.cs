using Switchboard.Core.Catalog;
using Switchboard.Core.Replies;

namespace Switchboard.Modules.Notify.Notifications;

/// <summary>
/// What one event means to people: the message, where it belongs (its scope), which feature a
/// subscription must include to receive it, and the facts that subscription filters test.
/// </summary>
/// <param name="Source"><c>github</c>, <c>pagerduty</c>, <c>sentry</c>, <c>rollbar</c>, <c>librato</c>, or a custom source's name.</param>
/// <param name="Feature">What a subscription names to receive it, per source; GitHub: <c>issues</c>, <c>pulls</c>, <c>reviews</c>, <c>comments</c>, <c>deployments</c>, <c>statuses</c>, <c>checks</c> (check runs, check suites and workflow runs), <c>pushes</c>, <c>releases</c>, and <c>ping</c> (a webhook was connected); PagerDuty: <c>incidents</c>; Sentry: <c>issues</c>, <c>alerts</c>; Rollbar: <c>items</c>, <c>deploys</c>; Librato: <c>alerts</c>; custom sources: <c>alerts</c>, <c>deploys</c>, <c>changes</c>, <c>notices</c>.</param>
/// <param name="Scope">What it is about: <c>owner/repo</c> for GitHub, the service or project id elsewhere, a custom event's service (else its repository).</param>
/// <param name="ThreadKey">Events with one thread key are follow-ups of the first (a PR and its merge); null for none.</param>
internal sealed record Notification(string Source, string Feature, string Scope, Reply Message, string? ThreadKey, NotificationFacts Facts)
{
    /// <summary>What it adds to the timeline of the service its scope belongs to: a deploy, an error, a merge, an alert; null for news that is not history.</summary>
    public TimelineMark? Timeline { get; init; }
}

/// <param name="Title">Plain text, one line.</param>
/// <param name="AlertKey">For alerts, what ties the opening to the closing.</param>
internal sealed record TimelineMark(TimelineKind Kind, string Title, Uri? Url, string? AlertKey = null);

/// <summary>The facts a subscription filter may test; each is empty or null where the event has none.</summary>
internal sealed record NotificationFacts(
    IReadOnlyList<string> Labels,
    string? Author,
    bool AuthorIsBot,
    string? Branch,
    string? Environment,
    string? Severity,
    string? State)
{
    public static NotificationFacts None { get; } = new([], null, false, null, null, null, null);
}
