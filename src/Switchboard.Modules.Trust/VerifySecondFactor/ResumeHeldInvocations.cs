using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Audit;
using Switchboard.Core.Commands;
using Switchboard.Data;
using Switchboard.Modules.Trust.Secrets;
using Switchboard.Modules.Trust.Verifications;

namespace Switchboard.Modules.Trust.VerifySecondFactor;

/// <summary>
/// Runs a person's waiting commands once they have verified: each through dispatch again, as them, from the
/// front end it came from and with the access of the credential it came with, so permission, assurance and
/// audit apply as they would have. Each is claimed by deleting its row, so two <c>verify</c>s cannot both run it,
/// and the audit trail records that it was resumed, and when it was asked, before its own entry.
/// </summary>
internal sealed class ResumeHeldInvocations(
    SwitchboardDbContext db, AtRestEncryption encryption, CommandDispatcher dispatcher, IAuditLog audit, TimeProvider clock)
{
    public async Task<ResumedInvocations> RunAsync(Actor verified, CancellationToken cancellationToken)
    {
        var person = verified.PersonId;
        var now = clock.GetUtcNow();
        var expired = await db.Set<HeldInvocation>().Where(h => h.PersonId == person && h.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
        var waiting = await db.Set<HeldInvocation>().AsNoTracking()
            .Where(h => h.PersonId == person)
            .OrderBy(h => h.HeldAt)
            .ToListAsync(cancellationToken);

        var ran = new List<(HeldInvocation, CommandResult)>();
        foreach (var invocation in waiting)
        {
            if (await db.Set<HeldInvocation>().Where(h => h.Id == invocation.Id).ExecuteDeleteAsync(cancellationToken) == 0)
            {
                continue;
            }

            await audit.AppendAsync(
                new AuditRecord(
                    clock.GetUtcNow(),
                    person,
                    verified.FrontEnd.ToString().ToLowerInvariant(),
                    $"command {invocation.Verb} resumed",
                    AuditOutcomes.Succeeded,
                    null,
                    $"{invocation.CanonicalText} (asked {invocation.HeldAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z from {invocation.FrontEnd.ToString().ToLowerInvariant()}, resumed by verify)"),
                cancellationToken);
            var request = JsonSerializer.Deserialize<CommandRequest>(encryption.Open(invocation.SealedRequest, HeldInvocation.RequestContext(person, invocation.Id)))!;
            var actor = new Actor(verified.Person, invocation.FrontEnd, AssuranceLevel.Identified, invocation.Access, invocation.CredentialExpiresAt);
            ran.Add((invocation, await dispatcher.DispatchAsync(request, actor, cancellationToken)));
        }

        return new ResumedInvocations(ran, expired);
    }
}

/// <param name="Expired">How many had waited too long and were dropped.</param>
internal sealed record ResumedInvocations(IReadOnlyList<(HeldInvocation Invocation, CommandResult Result)> Ran, int Expired);
