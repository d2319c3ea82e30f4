using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Commands;
using Switchboard.Core.People;
using Switchboard.Core.Replies;
using Switchboard.Data;
using Switchboard.Modules.Trust.Approvals;

namespace Switchboard.Modules.Trust.ListApprovals;

/// <summary>
/// <c>approvals</c>: the requests waiting for a second person, and the approved ones waiting to run, with Approve
/// and Deny buttons on those the person may decide.
/// </summary>
internal sealed class ListApprovalsCommand(SwitchboardDbContext db, ApprovalRequests requests, IPersonDirectory directory) : ICommandHandler<NoArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "approvals",
        Summary: "List the requests waiting for a second person's approval, with buttons on those you may decide.",
        Permission: TrustPermissions.DecideApprovals,
        Examples: ["approvals"])
    {
        IsReadOnly = true,
    };

    public async Task<CommandResult> HandleAsync(NoArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        await requests.ExpireAsync(cancellationToken);
        var open = await db.Set<ApprovalRequest>().AsNoTracking()
            .Where(r => r.State == ApprovalState.Pending || r.State == ApprovalState.Approved)
            .OrderBy(r => r.Number)
            .ToListAsync(cancellationToken);
        if (open.Count == 0)
        {
            return Reply.Text("No request waits for a second person's approval.");
        }

        var myTeams = (await directory.TeamsOfAsync(actor.PersonId, cancellationToken)).ToDictionary(t => t.Team, t => t.Role);
        var reply = Reply.Build().Line($"{open.Count} {(open.Count == 1 ? "request waits" : "requests wait")} for a second person:");
        foreach (var request in open)
        {
            var requester = await directory.FindAsync(request.RequesterId, cancellationToken);
            var mayDecide = request.State == ApprovalState.Pending && request.RequesterId != actor.PersonId && Holds(myTeams, request);
            reply.Section($"Request {request.Number.ToString(CultureInfo.InvariantCulture)}: `{request.CanonicalText}`", section =>
            {
                section.Fields(
                    ("Asked by", $"@{requester?.Handle ?? request.RequesterId.ToString()} at {TrustErrors.Time(request.RequestedAt)}"),
                    ("Needs", $"another {request.Role} of {request.Team}"),
                    (request.State == ApprovalState.Pending ? "Waits until" : "Approved; may run until", TrustErrors.Time(request.ExpiresAt)));
                if (mayDecide)
                {
                    section.Buttons(ApprovalRequests.DecisionButtons(request.Number));
                }
            });
        }

        return reply.ToReply();
    }

    private static bool Holds(Dictionary<string, string> myTeams, ApprovalRequest request) =>
        myTeams.TryGetValue(request.Team, out var role) && TeamRoles.IsAtLeast(role, request.Role);
}
