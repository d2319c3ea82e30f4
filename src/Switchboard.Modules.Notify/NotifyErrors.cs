using System.Globalization;
using Switchboard.Core.Errors;
using Switchboard.Modules.Notify.RedeliverMissedGitHubDeliveries;

namespace Switchboard.Modules.Notify;

internal static class NotifyErrors
{
    public static Error UnknownSource(string source, IEnumerable<string> known) =>
        Error.Invalid("notify.unknown-source", $"'{source}' is not a source Switchboard knows; use one of {string.Join(", ", known)}.");

    public static Error UnknownFeature(string source, string feature, IEnumerable<string> features) =>
        Error.Invalid("notify.unknown-feature", $"'{feature}' is not something {source} sends; use any of {string.Join(", ", features)}.");

    public static Error NoChannel() =>
        Error.Invalid("notify.no-channel", "Say which channel gets the notifications with --in #channel.");

    public static Error UnknownChannel(string channel) =>
        Error.NotFound("notify.unknown-channel", $"There is no channel '{channel}'; 'channel list' shows them, 'channel create' makes one.");

    /// <param name="position">1-based, in the filter's text.</param>
    public static Error InvalidFilter(int position, string problem) =>
        Error.Invalid("notify.invalid-filter", $"Filter error at {position}: {problem}.");

    public static Error NotSubscribed(string source, string scope, string channel) =>
        Error.NotFound("notify.not-subscribed", $"#{channel} has no subscription to {source} {scope}; 'subscriptions #{channel}' lists them.");

    public static Error ServiceExists(string name) =>
        Error.Conflict("notify.service-exists", $"There is already a service {name}; `service edit {name}` changes it.");

    public static Error UnknownService(string name) =>
        Error.NotFound("notify.unknown-service", $"There is no service '{name}'; `service list` shows them, `service create` adds one.");

    public static Error NoTeam(string name) =>
        Error.Invalid("notify.no-team", $"Say which team owns {name} with --team <team>.");

    public static Error NotOwner(string service, string team) =>
        Error.Forbidden("notify.not-service-owner", $"Only members of team {team}, which owns {service}, and admins may change or delete it.");

    public static Error UnownedRepository(string repository) =>
        Error.NotFound("notify.unowned-repository", $"No service owns {repository}; `service edit <service> --add-repo {repository}` gives it one.");

    public static Error UnknownEvent(long id) =>
        Error.NotFound("notify.unknown-event", $"There is no event {id} in the log: it never was, or it is older than the log keeps events (EventLog:RetentionDays); `events` lists the recent ones with their ids.");

    public static Error InvalidEventLimit(int most) =>
        Error.Invalid("notify.invalid-limit", $"--limit takes a number from 1 to {most}.");

    public static Error EventWaiting(long id) =>
        Error.Conflict("notify.event-waiting", $"Event {id} has not been handled yet; the router will post it when it gets there, so there is nothing to replay.");

    public static Error UnreadableEvent(long id, string problem) =>
        Error.Conflict("notify.unreadable-event", $"Event {id} still cannot be read, so it was not replayed: {problem}");

    public static Error NothingToPost(long id, string source, string type) =>
        Error.Conflict("notify.nothing-to-post", $"Event {id} ({source} {type}) makes no notification, so there is nothing to post.");

    public static Error GitHubBadCredentials(WatchedHook hook) =>
        Error.Unauthenticated("notify.github-bad-credentials", $"GitHub refused the reconciler's token while reading hook {hook}: set GitHub:Reconciler:Token to a valid token with admin rights on the hook.");

    public static Error GitHubHookNotFound(WatchedHook hook) =>
        Error.NotFound("notify.github-hook-not-found", $"GitHub shows the reconciler's token no hook {hook}: check GitHub:Reconciler:Hooks and that the token has admin rights on that hook.");

    public static Error GitHubRateLimited(DateTimeOffset retryAt) =>
        Error.Unavailable("notify.github-rate-limited", $"GitHub's rate limit for the reconciler's token is spent until {retryAt.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)}.");

    public static Error GitHubUnavailable(WatchedHook hook, string reason) =>
        Error.Unavailable("notify.github-unavailable", $"GitHub could not be asked about hook {hook}: {reason}.");
}
