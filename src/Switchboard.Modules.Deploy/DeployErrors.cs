using System.Globalization;
using Switchboard.Core.Errors;

namespace Switchboard.Modules.Deploy;

/// <summary>Deploy's expected failures; each says what to do about it.</summary>
internal static class DeployErrors
{
    public static Error UnknownApp(string app, IEnumerable<string> known) =>
        Error.NotFound("deploy.unknown-app", $"No app '{app}' is configured for deploys{Known(known)}; an operator adds one under Deploy:Apps.");

    public static Error UnknownEnvironment(string app, string environment, IEnumerable<string> known) =>
        Error.NotFound("deploy.unknown-environment", $"{app} has no environment '{environment}'{Known(known)}.");

    public static Error UnknownEnvironmentOfAnyApp(string environment, IEnumerable<string> known) =>
        Error.NotFound("deploy.unknown-environment", $"No app has an environment '{environment}'{Known(known)}.");

    public static Error UnknownService(string app, string service) =>
        Error.Unavailable("deploy.unknown-service", $"{app} belongs to service '{service}', which is not in the catalog: add it with `service create {service} --team <team>`, so deploys know its owners.");

    public static Error InvalidRef(string text) =>
        Error.Invalid("deploy.invalid-ref", $"'{text}' is not a git ref: name a branch, tag or sha of up to 255 characters, as in `deploy api@main to staging`.");

    public static Error ExpectedTo(string verb, string word) =>
        Error.Invalid("deploy.expected-to", $"Expected 'to' where '{word}' is, as in `{verb}`.");

    public static Error LockedByOther(string app, string environment, string holder, string? reason, DateTimeOffset since) =>
        Error.Conflict("deploy.locked", $"@{holder} holds {app} in {environment} since {Time(since)}{(reason is null ? "" : $" ({reason})")}: ask them to `unlock {app} {environment}` when they are done.");

    public static Error Frozen(string what, string by, string? reason, DateTimeOffset? until) =>
        Error.Conflict("deploy.frozen", $"Deploys to {what} are frozen by @{by}{(reason is null ? "" : $" ({reason})")}{(until is { } end ? $" until {Time(end)}" : "")}: wait, or ask them to `unfreeze`.");

    public static Error AlertOpen(string service, string alert) =>
        Error.Conflict("deploy.alert-open", $"An alert is open on {service}: {alert}. Deploy once it is resolved, or roll back with `rollback`.");

    public static Error OutsideWindow(string environment, string window) =>
        Error.Conflict("deploy.outside-window", $"{environment} takes deploys only {window}: deploy within that window.");

    public static Error CiNotGreen(string reference, IEnumerable<string> problems) =>
        Error.Conflict("deploy.ci-not-green", $"CI is not green on {reference}: {string.Join("; ", problems)}. Fix the build, or add --force to deploy anyway (audited and reported).");

    public static Error CiUnreadable(string repository, string detail) =>
        Error.Unavailable("deploy.ci-unreadable", $"Could not read CI of {repository} as you: {detail}");

    public static Error GitHubNotConnected(string detail) =>
        Error.Forbidden("deploy.github-not-connected", $"Reading CI needs your GitHub account: run `rolodex connect github`, then ask again. ({detail})");

    public static Error AlreadyRunning(string app, string environment) =>
        Error.Conflict("deploy.in-progress", $"A deployment of {app} to {environment} is already under way: `deploys {app} --env {environment}` shows it; ask again once it ends.");

    public static Error NotInPipeline(string app, string from, string to) =>
        Error.Invalid("deploy.not-in-pipeline", $"{app} cannot be promoted from {from} to {to}: its pipeline must list {from} before {to}.");

    public static Error TargetUnavailable(string target) =>
        Error.Unavailable("deploy.target-unavailable", $"The {target} target is not available in this installation.");

    public static Error UnknownDeployment(long id) =>
        Error.NotFound("deploy.unknown-deployment", $"There is no deployment #{id.ToString(CultureInfo.InvariantCulture)}; `deploys` lists them.");

    public static Error NotLocked(string app, string environment) =>
        Error.NotFound("deploy.not-locked", $"{app} in {environment} is not locked.");

    public static Error LockNotYours(string app, string environment, string holder) =>
        Error.Forbidden("deploy.lock-not-yours", $"@{holder} holds {app} in {environment}; only they or an administrator may unlock it.");

    public static Error NotFrozen(string name) =>
        Error.NotFound("deploy.not-frozen", $"{name} is not frozen; `locks` shows the locks and freezes.");

    public static Error FreezeNotYours(string name, string by) =>
        Error.Forbidden("deploy.freeze-not-yours", $"@{by} froze {name}; only they or an administrator may unfreeze it.");

    public static Error UnknownFreezeTarget(string name) =>
        Error.NotFound("deploy.unknown-freeze-target", $"'{name}' is neither a configured environment nor a catalog service.");

    public static Error InvalidUntil(string text) =>
        Error.Invalid("deploy.invalid-until", $"--until '{text}' is not a time to come: give one as 2026-12-01T18:00Z or a duration such as 2h or 3d.");

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);

    private static string Known(IEnumerable<string> known) => known.ToList() is { Count: > 0 } names ? $" (there are {string.Join(", ", names)})" : "";
}
