using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Commands;
using Switchboard.Core.Errors;
using Switchboard.Core.Replies;

namespace Switchboard.Data.Audit.VerifyAudit;

/// <summary><c>audit verify</c>: recomputes the whole chain and names the first entry that does not hold.</summary>
internal sealed class VerifyAuditCommand(SwitchboardDbContext db) : ICommandHandler<NoArguments>
{
    private const int PageSize = 1_000;

    public static CommandDefinition Definition { get; } = new(
        Verb: "audit verify",
        Summary: "Check the audit chain and name the first entry that was changed or removed.",
        Permission: AuditPermissions.Read,
        Examples: ["audit verify"])
    {
        IsReadOnly = true,
    };

    public async Task<CommandResult> HandleAsync(NoArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var expectedSequence = 1L;
        var previousHash = AuditChain.GenesisHash;
        while (true)
        {
            var page = await db.Set<AuditEntry>()
                .AsNoTracking()
                .Where(e => e.Sequence >= expectedSequence)
                .OrderBy(e => e.Sequence)
                .Take(PageSize)
                .ToListAsync(cancellationToken);
            foreach (var entry in page)
            {
                var broken = Check(entry, expectedSequence, previousHash);
                if (broken is not null)
                {
                    return broken;
                }

                previousHash = entry.Hash;
                expectedSequence++;
            }

            if (page.Count < PageSize)
            {
                var count = expectedSequence - 1;
                return Reply.Text($"The audit chain holds: {count} {(count == 1 ? "entry" : "entries")}, each linked to the one before.", Severity.Success);
            }
        }
    }

    private static Error? Check(AuditEntry entry, long expectedSequence, string previousHash)
    {
        if (entry.Sequence != expectedSequence)
        {
            return Error.Conflict("audit.chain-broken", $"Entry #{expectedSequence} is missing: the chain jumps to #{entry.Sequence}.");
        }

        if (entry.PreviousHash != previousHash)
        {
            return Error.Conflict("audit.chain-broken", $"Entry #{entry.Sequence} does not follow entry #{entry.Sequence - 1}: its link to the previous hash is broken.");
        }

        return AuditChain.HashOf(entry) == entry.Hash
            ? null
            : Error.Conflict("audit.chain-broken", $"Entry #{entry.Sequence} was changed after it was written: its content no longer matches its hash.");
    }
}
