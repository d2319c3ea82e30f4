using Switchboard.Core.Errors;

namespace Switchboard.Modules.Deploy.Targets.GitHub;

/// <summary>The failures of the <c>github</c> target and of fetching source from GitHub (codes <c>deploy.github-*</c>).</summary>
internal static class GitHubTargetErrors
{
    public static Error MissingRepository(DeployJob job) => Error.Invalid(
        "deploy.github-setting-missing",
        $"{job.App} needs its GitHub repository: set Deploy:Apps:{job.App}:Repository to owner/repo.");

    public static Error Unauthorized() => Error.Unauthenticated(
        "deploy.github-unauthorized", "GitHub refused your token: connect GitHub again with `rolodex connect github`.");

    public static Error Forbidden(string message) => Error.Forbidden("deploy.github-forbidden", $"GitHub refused: {message}");

    public static Error NotFound(string repository) => Error.NotFound(
        "deploy.github-not-found", $"GitHub has no repository {repository} that your account can see, or no such ref in it.");

    public static Error UnknownRef(string message) => Error.Invalid("deploy.github-unknown-ref", $"GitHub refused the deployment: {message}");

    public static Error ChecksNotGreen(string message) => Error.Conflict(
        "deploy.github-checks-not-green", $"GitHub refused the deployment: {message} Wait for them to pass, or fix them.");

    public static Error AutoMerged(string message) => Error.Conflict("deploy.github-auto-merged", $"GitHub did not deploy: {message}");

    public static Error RateLimited() => Error.Unavailable(
        "deploy.github-rate-limited", "GitHub's rate limit for your account is spent; try again when it resets.");

    public static Error Unavailable(string why) => Error.Unavailable("deploy.github-unavailable", $"GitHub could not be reached: {why}.");

    public static Error DeploymentFailed(long deployment, string state, string? description, string? log) => Error.Invalid(
        "deploy.github-deployment-failed",
        $"The deployer reported {state} for GitHub deployment {deployment}{(string.IsNullOrEmpty(description) ? "" : $": {description}")}"
        + (string.IsNullOrEmpty(log) ? "." : $". Log: {log}"));

    public static Error TimedOut(long deployment, TimeSpan after) => Error.Unavailable(
        "deploy.github-timed-out", $"GitHub deployment {deployment} had no final status after {after.TotalMinutes:0} minutes; is the team's deployer running?");

    public static Error NothingToPromote(string environment) => Error.NotFound(
        "deploy.github-nothing-to-promote", $"GitHub has no deployment to {environment} to promote.");

    public static Error NoEarlierDeployment(string environment) => Error.NotFound(
        "deploy.github-no-earlier-deployment", $"GitHub has no earlier deployment to {environment} of another commit to roll back to.");
}
