using System.Globalization;
using Microsoft.Extensions.Logging;
using Switchboard.Core.Audit;
using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Modules.Trust.Approvals;

namespace Switchboard.Modules.Trust.DenyRequest;

/// <summary>
/// <c>deny &lt;number&gt; [reason]</c>: someone holding the role in the owning team refuses a waiting request, or its
/// requester withdraws it; it never runs.
/// </summary>
internal sealed class DenyRequestCommand(ApprovalRequests requests, ILogger<DenyRequestCommand> logger) : ICommandHandler<DenyRequestArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "deny",
        Summary: "Refuse a request that waits for a second person's approval (or withdraw your own).",
        Permission: TrustPermissions.DecideApprovals,
        // Denying needs a waiting request, which no example run alone can have.
        Examples: [])
    {
        Variants = ["deny 12 not during the freeze"],
    };

    public async Task<CommandResult> HandleAsync(DenyRequestArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var (request, refusal) = await requests.FindDecidableAsync(arguments.Number, actor, approving: false, cancellationToken);
        if (request is null)
        {
            return refusal!;
        }

        var reason = string.IsNullOrWhiteSpace(arguments.Reason) ? null : arguments.Reason.Trim();
        if (!await requests.SettleAsync(request.Number, ApprovalState.Pending, ApprovalState.Denied, actor.PersonId, reason, cancellationToken))
        {
            return TrustErrors.ApprovalSettled(request.Number, "was decided by someone else just now");
        }

        var number = request.Number.ToString(CultureInfo.InvariantCulture);
        var because = reason is null ? "" : $": {reason}";
        await requests.AuditAsync(actor.PersonId, actor.FrontEnd, "approval.denied", AuditOutcomes.Succeeded, null, request, $"denied by {actor.PersonId}{because}", CancellationToken.None);
        logger.ApprovalDecided(request.Number, "denied", actor.PersonId);
        await requests.FollowUpAsync(request, Reply.Text($"Request {number} was denied by @{actor.Person.Handle}{because}."), CancellationToken.None);
        return Reply.Text($"Denied request {number}: `{request.CanonicalText}` will not run{because}.", Severity.Success);
    }
}

internal sealed record DenyRequestArguments(
    [Argument("The request's number, as 'approvals' lists it.")] long Number,
    [Argument("Why, for the requester and the audit trail.", TakesRest = true, MaxLength = 500)] string? Reason = null);
