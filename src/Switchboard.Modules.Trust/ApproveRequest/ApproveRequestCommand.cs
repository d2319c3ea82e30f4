using System.Globalization;
using Microsoft.Extensions.Logging;
using Switchboard.Core.Audit;
using Switchboard.Core.Commands;
using Switchboard.Core.People;
using Switchboard.Core.Replies;
using Switchboard.Modules.Trust.Approvals;

namespace Switchboard.Modules.Trust.ApproveRequest;

/// <summary>
/// <c>approve &lt;number&gt;</c>: another person holding the role in the owning team approves a waiting request,
/// and it runs at once, through dispatch, as its requester, from the front end and with the credential's access it
/// came with. Its second-factor rule still applies then: if the requester is not verified, it waits for their
/// <c>verify</c>, and the approval stays good for <c>Trust:Approvals:Lifetime</c>.
/// </summary>
internal sealed class ApproveRequestCommand(ApprovalRequests requests, IPersonDirectory directory, CommandDispatcher dispatcher, ILogger<ApproveRequestCommand> logger)
    : ICommandHandler<ApproveRequestArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "approve",
        Summary: "Approve someone else's request that needs a second person; it then runs as them.",
        Permission: TrustPermissions.DecideApprovals,
        // Approving needs someone else's request, which no example run alone can have.
        Examples: [])
    {
        Variants = ["approve 12"],
    };

    public async Task<CommandResult> HandleAsync(ApproveRequestArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var (request, refusal) = await requests.FindDecidableAsync(arguments.Number, actor, approving: true, cancellationToken);
        if (request is null)
        {
            return refusal!;
        }

        if (!await requests.SettleAsync(request.Number, ApprovalState.Pending, ApprovalState.Approved, actor.PersonId, null, cancellationToken))
        {
            return TrustErrors.ApprovalSettled(request.Number, "was decided by someone else just now");
        }

        // Approved, and that stands: the run happens even if whoever approved has gone.
        await requests.AuditAsync(actor.PersonId, actor.FrontEnd, "approval.approved", AuditOutcomes.Succeeded, null, request, $"approved by {actor.PersonId}", CancellationToken.None);
        logger.ApprovalDecided(request.Number, "approved", actor.PersonId);
        var requester = await directory.FindAsync(request.RequesterId, CancellationToken.None);
        var result = requester is null
            ? TrustErrors.UnknownPerson(request.RequesterId.ToString())
            : await dispatcher.DispatchAsync(
                requests.OpenRequest(request),
                new Actor(requester, request.FrontEnd, AssuranceLevel.Identified, request.Access, request.CredentialExpiresAt),
                CancellationToken.None);

        var ran = result.IsSuccess
            ? $"ran as @{requester!.Handle}"
            : $"did not run as @{requester?.Handle ?? request.RequesterId.ToString()} ({result.Error.Code})";
        await requests.FollowUpAsync(request, Reply.Text($"Request {Number(request)} was approved by @{actor.Person.Handle} and {ran}."), CancellationToken.None);
        return new Reply(
            [
                new TextBlock($"Approved request {Number(request)}: `{request.CanonicalText}`."),
                new SectionBlock(
                    $"Run as @{requester?.Handle ?? request.RequesterId.ToString()}",
                    result.IsSuccess ? result.Reply.Blocks : [new TextBlock($"Refused ({result.Error.Code}): {result.Error.Detail}")]),
            ],
            result.IsSuccess ? Severity.Success : Severity.Warning);
    }

    private static string Number(ApprovalRequest request) => request.Number.ToString(CultureInfo.InvariantCulture);
}

internal sealed record ApproveRequestArguments([Argument("The request's number, as 'approvals' lists it.")] long Number);
