using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Core.Audit;
using Switchboard.Core.Commands;
using Switchboard.Core.Errors;
using Switchboard.Core.People;
using Switchboard.Core.Replies;
using Switchboard.Data;
using Switchboard.Delivery.Channels;
using Switchboard.Modules.Trust.Secrets;

namespace Switchboard.Modules.Trust.Approvals;

/// <summary>
/// The core's <see cref="IApprovals"/>: a run that needs a second person waits in <c>trust_approval_requests</c>,
/// sealed, and is posted with Approve and Deny buttons to the owning team's channel; an approved request is spent
/// by the one run it allows. Every step (requested, approved, denied, expired, cancelled) is audited.
/// </summary>
internal sealed class ApprovalRequests(
    SwitchboardDbContext db,
    AtRestEncryption encryption,
    ChannelPosts channels,
    IPersonDirectory directory,
    IAuditLog audit,
    IOptions<ApprovalOptions> options,
    TimeProvider clock,
    ILogger<ApprovalRequests> logger) : IApprovals
{
    public ApprovalRequirement? ConfiguredFor(string verb) => options.Value.For(verb)?.Requirement;

    public async Task<long?> FindApprovedAsync(PersonId requester, string canonicalText, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return await db.Set<ApprovalRequest>()
            .Where(r => r.RequesterId == requester && r.CanonicalText == canonicalText && r.State == ApprovalState.Approved && r.ExpiresAt > now)
            .OrderBy(r => r.Number)
            .Select(r => (long?)r.Number)
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<bool> ClaimAsync(long approval, CancellationToken cancellationToken) =>
        await db.Set<ApprovalRequest>()
            .Where(r => r.Number == approval && r.State == ApprovalState.Approved)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.State, ApprovalState.Ran), cancellationToken) == 1;

    public async Task<ApprovalRequested> RequestAsync(PendingInvocation invocation, ApprovalRequirement requirement, CancellationToken cancellationToken)
    {
        var actor = invocation.Actor;
        await ExpireAsync(cancellationToken);
        var waiting = await db.Set<ApprovalRequest>().AsNoTracking()
            .Where(r => r.RequesterId == actor.PersonId && r.CanonicalText == invocation.CanonicalText && r.State == ApprovalState.Pending)
            .FirstOrDefaultAsync(cancellationToken);
        if (waiting is not null)
        {
            return new ApprovalRequested(waiting.Number, waiting.ExpiresAt, waiting.Channel, IsRepeat: true);
        }

        var now = clock.GetUtcNow();
        var expiresAt = now + options.Value.Lifetime;
        if (actor.CredentialExpiresAt is { } credentialExpires && credentialExpires < expiresAt)
        {
            expiresAt = credentialExpires;
        }

        var team = requirement.Team!;
        var channel = options.Value.For(invocation.Verb)?.Channel ?? team;
        var request = new ApprovalRequest
        {
            RequesterId = actor.PersonId,
            FrontEnd = actor.FrontEnd,
            Access = actor.Access,
            CredentialExpiresAt = actor.CredentialExpiresAt,
            Verb = invocation.Verb,
            CanonicalText = invocation.CanonicalText,
            Team = team,
            Role = requirement.Role,
            RequestedAt = now,
            ExpiresAt = expiresAt,
            State = ApprovalState.Pending,
        };

        // The row, its sealed request (bound to its number) and the channel post commit together or not at all.
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            db.Add(request);
            await db.SaveChangesAsync(cancellationToken);
            request.SealedRequest = encryption.Seal(JsonSerializer.SerializeToUtf8Bytes(invocation.Request), ApprovalRequest.RequestContext(actor.PersonId, request.Number));
            if (await channels.ExistsAsync(channel, cancellationToken)
                && await channels.PostAsync(channel, AskMessage(request, actor.Person.Handle), ThreadKey(request), cancellationToken) is null)
            {
                request.Channel = channel.TrimStart('#').ToLowerInvariant();
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        db.Entry(request).State = EntityState.Detached;
        await AuditAsync(actor.PersonId, actor.FrontEnd, "approval.requested", AuditOutcomes.Succeeded, null, request, $"needs another {request.Role} of {request.Team}", cancellationToken);
        logger.ApprovalRequested(request.Number, invocation.Verb, actor.PersonId, request.Team, request.Role);
        return new ApprovalRequested(request.Number, request.ExpiresAt, request.Channel, IsRepeat: false);
    }

    public async Task<int> CancelPendingOfAsync(PersonId requester, PersonId cancelledBy, CancellationToken cancellationToken)
    {
        var open = await db.Set<ApprovalRequest>().AsNoTracking()
            .Where(r => r.RequesterId == requester && (r.State == ApprovalState.Pending || r.State == ApprovalState.Approved))
            .ToListAsync(cancellationToken);
        var cancelled = 0;
        foreach (var request in open)
        {
            if (await SettleAsync(request.Number, request.State, ApprovalState.Cancelled, cancelledBy, "its requester was disabled", cancellationToken))
            {
                cancelled++;
                await AuditAsync(cancelledBy, FrontEnd.System, "approval.cancelled", AuditOutcomes.Succeeded, null, request, "its requester was disabled", cancellationToken);
            }
        }

        return cancelled;
    }

    /// <summary>Marks the requests whose time is up as expired, each audited once.</summary>
    public async Task ExpireAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = await db.Set<ApprovalRequest>().AsNoTracking()
            .Where(r => (r.State == ApprovalState.Pending || r.State == ApprovalState.Approved) && r.ExpiresAt <= now)
            .ToListAsync(cancellationToken);
        foreach (var request in due)
        {
            if (await SettleAsync(request.Number, request.State, ApprovalState.Expired, null, null, cancellationToken))
            {
                var what = request.State == ApprovalState.Pending ? "nobody decided in time" : "it was approved but did not run in time";
                await AuditAsync(request.RequesterId, FrontEnd.System, "approval.expired", AuditOutcomes.Failed, "trust.approval-expired", request, what, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Moves a request on from the state it was read in; of two racing decisions, one wins. A decision records who
    /// made it and when; an approval gives the request <see cref="ApprovalOptions.Lifetime"/> from now to run.
    /// </summary>
    public async Task<bool> SettleAsync(long number, ApprovalState from, ApprovalState to, PersonId? decidedBy, string? reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var runUntil = now + options.Value.Lifetime;
        return await db.Set<ApprovalRequest>()
            .Where(r => r.Number == number && r.State == from)
            .ExecuteUpdateAsync(
                set =>
                {
                    set.SetProperty(r => r.State, to);
                    if (decidedBy is { } person)
                    {
                        set.SetProperty(r => r.DecidedBy, person).SetProperty(r => r.DecidedAt, now);
                    }

                    if (reason is not null)
                    {
                        set.SetProperty(r => r.Reason, reason);
                    }

                    if (to == ApprovalState.Approved)
                    {
                        set.SetProperty(r => r.ExpiresAt, runUntil);
                    }
                },
                cancellationToken) == 1;
    }

    /// <summary>
    /// The request, if the actor may decide it now: it is waiting, and they hold its role in its team. Its requester
    /// may deny (withdraw) it but never approve it, which is refused, audited and logged.
    /// </summary>
    public async Task<(ApprovalRequest? Request, Error? Refusal)> FindDecidableAsync(long number, Actor actor, bool approving, CancellationToken cancellationToken)
    {
        await ExpireAsync(cancellationToken);
        var request = await db.Set<ApprovalRequest>().AsNoTracking().SingleOrDefaultAsync(r => r.Number == number, cancellationToken);
        if (request is null)
        {
            return (null, TrustErrors.UnknownApproval(number));
        }

        if (request.State != ApprovalState.Pending)
        {
            return (null, TrustErrors.ApprovalSettled(number, Settled(request)));
        }

        if (request.RequesterId == actor.PersonId)
        {
            if (!approving)
            {
                return (request, null);
            }

            await AuditAsync(actor.PersonId, actor.FrontEnd, "approval.own-request", AuditOutcomes.Refused, "trust.own-request", request, "the requester tried to approve it", cancellationToken);
            logger.OwnApprovalRefused(actor.PersonId, number);
            return (null, TrustErrors.OwnRequest(number, request.Role, request.Team));
        }

        var team = await directory.FindTeamAsync(request.Team, cancellationToken);
        return team is not null && TeamRoles.Holds(team, actor.PersonId, request.Role)
            ? (request, null)
            : (null, TrustErrors.NotAnApprover(number, request.Role, request.Team));
    }

    public CommandRequest OpenRequest(ApprovalRequest request) =>
        JsonSerializer.Deserialize<CommandRequest>(encryption.Open(request.SealedRequest, ApprovalRequest.RequestContext(request.RequesterId, request.Number)))!;

    /// <summary>A line in the request's thread of its channel, when it was posted to one.</summary>
    public async Task FollowUpAsync(ApprovalRequest request, Reply message, CancellationToken cancellationToken)
    {
        if (request.Channel is { } channel)
        {
            await channels.PostAsync(channel, message, ThreadKey(request), cancellationToken);
        }
    }

    public Task AuditAsync(
        PersonId? person, FrontEnd frontEnd, string action, string outcome, string? code, ApprovalRequest request, string what, CancellationToken cancellationToken) =>
        audit.AppendAsync(
            new AuditRecord(
                clock.GetUtcNow(),
                person,
                frontEnd.ToString().ToLowerInvariant(),
                action,
                outcome,
                code,
                $"request {request.Number} by {request.RequesterId}: {request.CanonicalText} ({what})"),
            CancellationToken.None);

    public static IReadOnlyList<Button> DecisionButtons(long number) =>
    [
        new($"Approve {number}", $"approve {number}", null, ButtonStyle.Primary, $"approve-{number}"),
        new($"Deny {number}", $"deny {number}", $"Deny request {number}?", ButtonStyle.Danger, $"deny-{number}"),
    ];

    private static string Settled(ApprovalRequest request) => request.State switch
    {
        ApprovalState.Approved => $"was approved at {TrustErrors.Time(request.DecidedAt!.Value)} and waits to run",
        ApprovalState.Ran => "was approved and has run",
        ApprovalState.Denied => $"was denied at {TrustErrors.Time(request.DecidedAt!.Value)}",
        ApprovalState.Expired => "expired",
        ApprovalState.Cancelled => "was cancelled",
        ApprovalState.Pending => "waits",
    };

    private static Reply AskMessage(ApprovalRequest request, string requesterHandle) =>
        Reply.Build(Severity.Warning)
            .Line($"@{requesterHandle} asks to run `{request.CanonicalText}`, which needs the approval of another {request.Role} of {request.Team}.")
            .Fields(("Request", request.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Waits until", TrustErrors.Time(request.ExpiresAt)))
            .Buttons(DecisionButtons(request.Number))
            .ToReply();

    private static string ThreadKey(ApprovalRequest request) => $"approval-{request.Number}";
}
