using Switchboard.Core.Errors;

namespace Switchboard.Modules.Deploy.Targets.Heroku;

/// <summary>The <c>heroku</c> target's failures (codes <c>deploy.heroku-*</c>).</summary>
internal static class HerokuTargetErrors
{
    public static Error MissingRepository(DeployJob job) => Error.Invalid(
        "deploy.heroku-setting-missing",
        $"{job.App} needs its GitHub repository: set Deploy:Apps:{job.App}:Repository to owner/repo.");

    public static Error MissingSetting(DeployJob job, string setting) => Error.Invalid(
        "deploy.heroku-setting-missing",
        $"{job.App} {job.Environment} deploys to Heroku but has no {setting}: set Deploy:Apps:{job.App}:Environments:{job.Environment}:{setting}.");

    public static Error Unauthorized() => Error.Unauthenticated(
        "deploy.heroku-unauthorized", "Heroku refused your token: connect Heroku again with `rolodex connect heroku`.");

    public static Error Forbidden(string message) => Error.Forbidden("deploy.heroku-forbidden", $"Heroku refused: {message}");

    public static Error NotFound(string message) => Error.NotFound("deploy.heroku-not-found", $"Heroku says: {message}");

    public static Error Rejected(string message) => Error.Invalid("deploy.heroku-rejected", $"Heroku rejected the request: {message}");

    public static Error RateLimited() => Error.Unavailable(
        "deploy.heroku-rate-limited", "Heroku's rate limit for your account is spent; try again in a few minutes.");

    public static Error Unavailable(string why) => Error.Unavailable("deploy.heroku-unavailable", $"Heroku could not be reached: {why}.");

    public static Error SourceUnavailable(string @ref) => Error.Unavailable(
        "deploy.heroku-source-unavailable",
        $"Heroku could not fetch the source archive of {@ref} from GitHub (the link may have expired); deploy again for a fresh one.");

    public static Error BuildFailed(Guid build, string? lastLine) => Error.Invalid(
        "deploy.heroku-build-failed", $"The Heroku build {build} failed{(lastLine is null ? "" : $": {lastLine.Trim()}")}.");

    public static Error TimedOut(string what, TimeSpan after) => Error.Unavailable(
        "deploy.heroku-timed-out", $"The Heroku {what} was still pending after {after.TotalMinutes:0} minutes; see it on Heroku's dashboard.");

    public static Error NoSourceApp(string pipeline, string stage, int count) => Error.Invalid(
        "deploy.heroku-no-source-app",
        count == 0
            ? $"No app of the Heroku pipeline {pipeline} is at the {stage} stage, so there is nothing to promote from it."
            : $"{count} apps of the Heroku pipeline {pipeline} are at the {stage} stage; promote from one of them on Heroku.");

    public static Error NotInPipeline(string app, string pipeline) => Error.Invalid(
        "deploy.heroku-not-in-pipeline", $"The Heroku app {app} is not in the pipeline {pipeline}; couple it on Heroku first.");

    public static Error PromotionFailed(string app, string? message) => Error.Invalid(
        "deploy.heroku-promotion-failed", $"Promoting to {app} failed{(message is null ? "" : $": {message}")}.");

    public static Error NoEarlierRelease(string app) => Error.NotFound(
        "deploy.heroku-no-earlier-release", $"{app} has no release before its current one to roll back to.");
}
