using Microsoft.Extensions.Logging;
using Switchboard.Core.People;

namespace Switchboard.Modules.Trust;

/// <summary>Trust's log messages, event ids 12000–12999. Codes, OTPs and secrets are never logged.</summary>
internal static partial class TrustLog
{
    [LoggerMessage(12000, LogLevel.Warning, "Second factors of {PersonId} locked until {LockedUntil} after {FailedAttempts} wrong codes")]
    public static partial void SecondFactorsLocked(this ILogger logger, PersonId personId, DateTimeOffset lockedUntil, int failedAttempts);

    [LoggerMessage(12001, LogLevel.Information, "{PersonId} verified with {Factor}; resuming {PendingCount} waiting commands")]
    public static partial void Verified(this ILogger logger, PersonId personId, string factor, int pendingCount);

    [LoggerMessage(12002, LogLevel.Information, "Command {CommandName} of {PersonId} waits for a second factor until {ExpiresAt}")]
    public static partial void InvocationHeld(this ILogger logger, string commandName, PersonId personId, DateTimeOffset expiresAt);

    [LoggerMessage(12003, LogLevel.Error, "YubiCloud refused Switchboard's request with {YubiCloudStatus}; check Trust:YubiCloud:ClientId and ApiKey")]
    public static partial void YubiCloudRefused(this ILogger logger, string yubiCloudStatus);

    [LoggerMessage(12004, LogLevel.Warning, "YubiCloud could not be asked: {ErrorDetail}")]
    public static partial void YubiCloudUnavailable(this ILogger logger, string errorDetail);

    [LoggerMessage(12400, LogLevel.Warning, "Duo could not be asked: {ErrorDetail}")]
    public static partial void DuoUnavailable(this ILogger logger, string errorDetail);

    [LoggerMessage(12005, LogLevel.Information, "Created the key that seals second-factor secrets at {KeyFile}; keep it with backups of the database, apart from them")]
    public static partial void SecretKeyCreated(this ILogger logger, string keyFile);

    [LoggerMessage(12300, LogLevel.Information, "{PersonId} registered security key {SecurityKey}")]
    public static partial void SecurityKeyRegistered(this ILogger logger, PersonId personId, string securityKey);

    [LoggerMessage(12301, LogLevel.Warning, "Security key {SecurityKey} of {PersonId} was refused: {Reason}")]
    public static partial void SecurityKeyRefused(this ILogger logger, string securityKey, PersonId personId, string reason);

    [LoggerMessage(12302, LogLevel.Information, "{PersonId} signed in with security key {SecurityKey}")]
    public static partial void SignedInWithPasskey(this ILogger logger, PersonId personId, string securityKey);

    [LoggerMessage(12200, LogLevel.Warning, "A suspect action {SuspectActionKind} of {PersonId} was dropped: too many wait to be posted")]
    public static partial void SuspectActionDropped(this ILogger logger, string suspectActionKind, PersonId? personId);

    [LoggerMessage(12201, LogLevel.Warning, "A suspect action {SuspectActionKind} could not be posted to #{Channel}: {ErrorDetail}")]
    public static partial void SuspectActionNotPosted(this ILogger logger, string suspectActionKind, string channel, string errorDetail);

    [LoggerMessage(12202, LogLevel.Error, "Posting a suspect action {SuspectActionKind} to #{Channel} failed; it is lost")]
    public static partial void SuspectActionFailed(this ILogger logger, Exception exception, string suspectActionKind, string channel);

    [LoggerMessage(12100, LogLevel.Information, "Request {ApprovalNumber} for {CommandName} of {PersonId} waits for the approval of a {TeamRole} of {TeamName}")]
    public static partial void ApprovalRequested(this ILogger logger, long approvalNumber, string commandName, PersonId personId, string teamRole, string teamName);

    [LoggerMessage(12101, LogLevel.Information, "Request {ApprovalNumber} {ApprovalDecision} by {PersonId}")]
    public static partial void ApprovalDecided(this ILogger logger, long approvalNumber, string approvalDecision, PersonId personId);

    [LoggerMessage(12102, LogLevel.Warning, "{PersonId} tried to approve their own request {ApprovalNumber}")]
    public static partial void OwnApprovalRefused(this ILogger logger, PersonId personId, long approvalNumber);
}
