using Switchboard.Core.People;

namespace Switchboard.Core.Security;

/// <summary>
/// Where suspect actions are reported for people to look at: repeated wrong second factors, refused commands,
/// permission, role and vault changes, offboarding, forced deploys, production changes out of hours, tokens
/// pasted into chat. Implemented by Trust, which posts them to the configured security channel.
/// </summary>
public interface ISecurityFeed
{
    /// <summary>
    /// Takes the report and returns at once: it is posted in the background, never blocks or fails the caller's
    /// command, and is dropped (and logged) when no security channel is configured or it cannot be posted.
    /// </summary>
    void Report(SuspectAction action);
}

/// <param name="Kind">What sort of action, stable and lower case (<see cref="SuspectActionKinds"/>).</param>
/// <param name="Who">Who did it, or whose account it concerns; null when no person is known.</param>
/// <param name="What">What happened, in a sentence, with secrets left out.</param>
/// <param name="Where">Where it happened: the front end, and the channel or environment when there is one.</param>
public sealed record SuspectAction(DateTimeOffset OccurredAt, string Kind, PersonId? Who, string What, string Where);

/// <summary>The kinds reported today; later modules add theirs (<c>deploy.forced</c>, <c>chat.token-pasted</c>).</summary>
public static class SuspectActionKinds
{
    public const string SecondFactorLockout = "factors.locked";
    public const string CommandRefused = "command.refused";
    public const string PermissionChanged = "permission.changed";
    public const string VaultChanged = "vault.changed";
    public const string PersonDisabled = "person.disabled";
}
