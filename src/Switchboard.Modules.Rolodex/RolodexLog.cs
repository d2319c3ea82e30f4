using Microsoft.Extensions.Logging;

namespace Switchboard.Modules.Rolodex;

/// <summary>The Rolodex's log messages, event ids 10000–10999. None carries a token, a key or an e-mail address.</summary>
internal static partial class RolodexLog
{
    [LoggerMessage(10000, LogLevel.Warning, "Made the vault key {KeyId} and saved it in {KeyFile}; back that file up apart from the database, since the vault cannot be read without it")]
    public static partial void VaultKeyGenerated(this ILogger logger, string keyId, string keyFile);

    [LoggerMessage(10001, LogLevel.Information, "Re-wrapped {EntryCount} vault entries under the key {KeyId}")]
    public static partial void VaultRewrapped(this ILogger logger, int entryCount, string keyId);

    [LoggerMessage(10002, LogLevel.Error, "{EntryCount} vault entries are wrapped by the key {KeyId}, which is not configured or does not open them; they cannot be read until it is configured again")]
    public static partial void VaultEntriesUnreadable(this ILogger logger, int entryCount, string keyId);

    [LoggerMessage(10003, LogLevel.Information, "Disabled person {PersonId}: revoked {SessionCount} sessions, {TokenCount} API tokens, {LinkCount} sign-in links and {VaultEntryCount} vault entries")]
    public static partial void PersonDisabled(this ILogger logger, string personId, int sessionCount, int tokenCount, int linkCount, int vaultEntryCount);

    [LoggerMessage(10500, LogLevel.Information, "Person {PersonId} connected their {Service} account")]
    public static partial void AccountConnected(this ILogger logger, string personId, string service);

    [LoggerMessage(10501, LogLevel.Warning, "Refused to connect a {Service} account for person {PersonId}: {ErrorCode}")]
    public static partial void ConnectRefused(this ILogger logger, string service, string personId, string errorCode);

    [LoggerMessage(10502, LogLevel.Information, "Renewed the {Service} token of person {PersonId}")]
    public static partial void TokenRenewed(this ILogger logger, string service, string personId);

    [LoggerMessage(10503, LogLevel.Warning, "{Service} refused to renew the token of person {PersonId} ({Reason}); they must reconnect")]
    public static partial void RenewalRefused(this ILogger logger, string service, string personId, string reason);

    [LoggerMessage(10504, LogLevel.Warning, "{Service} could not be reached for person {PersonId} ({Reason})")]
    public static partial void ServiceUnreachable(this ILogger logger, string service, string personId, string reason);

    [LoggerMessage(10505, LogLevel.Information, "Revoked the grant of person {PersonId} at {Service}")]
    public static partial void GrantRevoked(this ILogger logger, string service, string personId);

    [LoggerMessage(10506, LogLevel.Warning, "Could not revoke the grant of person {PersonId} at {Service} ({Reason}); its tokens are removed here all the same")]
    public static partial void GrantNotRevoked(this ILogger logger, string service, string personId, string reason);
}
