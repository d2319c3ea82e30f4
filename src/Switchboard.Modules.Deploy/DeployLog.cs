using Microsoft.Extensions.Logging;

namespace Switchboard.Modules.Deploy;

/// <summary>Deploy's log messages, event ids 15000–15999. Output lines of targets are kept in the database, not logged.</summary>
internal static partial class DeployLog
{
    [LoggerMessage(15000, LogLevel.Information, "Deployment {DeploymentId} of {App} to {Environment} started with target {DeployTarget}")]
    public static partial void DeploymentStarted(this ILogger logger, long deploymentId, string app, string environment, string deployTarget);

    [LoggerMessage(15001, LogLevel.Information, "Deployment {DeploymentId} ended {DeploymentState}")]
    public static partial void DeploymentEnded(this ILogger logger, long deploymentId, string deploymentState);

    [LoggerMessage(15002, LogLevel.Error, "Deployment {DeploymentId} failed with an unexpected exception")]
    public static partial void DeploymentCrashed(this ILogger logger, long deploymentId, Exception exception);

    [LoggerMessage(15003, LogLevel.Warning, "Deployment {DeploymentId} could not post to #{Channel}: {ErrorDetail}")]
    public static partial void MessageNotPosted(this ILogger logger, long deploymentId, string channel, string errorDetail);

    [LoggerMessage(15005, LogLevel.Warning, "Deployment {DeploymentId}: the script ran longer than {Timeout} and was stopped")]
    public static partial void ScriptTimedOut(this ILogger logger, long deploymentId, TimeSpan timeout);
}
