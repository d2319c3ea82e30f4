using Switchboard.Core.People;

namespace Switchboard.Core.Commands;

/// <summary>
/// The two-person rule as dispatch sees it: which commands the installation makes wait for a second person,
/// and where a run waits until someone with the role in the owning team approves it. Implemented by the Trust
/// module, whose <c>approve</c> runs the command as its requester.
/// </summary>
public interface IApprovals
{
    /// <summary>The approval the installation's configuration requires of every run of the command, if any.</summary>
    ApprovalRequirement? ConfiguredFor(string verb);

    /// <summary>An approved request of this person for exactly this command line that has not run yet, if there is one.</summary>
    Task<long?> FindApprovedAsync(PersonId requester, string canonicalText, CancellationToken cancellationToken);

    /// <summary>Spends an approved request on the run about to start; of two racing runs, one wins.</summary>
    Task<bool> ClaimAsync(long approval, CancellationToken cancellationToken);

    /// <summary>Keeps the invocation, durably, until another person decides, and asks the owning team.</summary>
    /// <param name="requirement">With its team resolved.</param>
    Task<ApprovalRequested> RequestAsync(PendingInvocation invocation, ApprovalRequirement requirement, CancellationToken cancellationToken);

    /// <summary>Cancels the person's requests still waiting for a decision or to run (offboarding), audited.</summary>
    /// <returns>How many were cancelled.</returns>
    Task<int> CancelPendingOfAsync(PersonId requester, PersonId cancelledBy, CancellationToken cancellationToken);
}

/// <param name="Number">What people type: <c>approve 12</c>.</param>
/// <param name="PostedTo">The channel it was posted to with Approve and Deny buttons, or null when the team has none.</param>
/// <param name="IsRepeat">The same command was already waiting; this is that request.</param>
public sealed record ApprovalRequested(long Number, DateTimeOffset ExpiresAt, string? PostedTo, bool IsRepeat);
