using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Core.Commands;
using Switchboard.Core.Errors;
using Switchboard.Core.Replies;
using Switchboard.Data.Audit.PublishAuditHead;

namespace Switchboard.Data.Audit.VerifyAudit;

/// <summary>
/// <c>audit verify</c>: recomputes the whole chain, names the first entry that does not hold, and compares the
/// chain's end with the head published outside the database, so that deleting the newest entries shows too.
/// </summary>
internal sealed class VerifyAuditCommand(SwitchboardDbContext db, IOptions<AuditOptions> options) : ICommandHandler<VerifyAuditArguments>
{
    private const int PageSize = 1_000;

    public static CommandDefinition Definition { get; } = new(
        Verb: "audit verify",
        Summary: "Check the audit chain against its published head and name the first entry that was changed or removed.",
        Permission: AuditPermissions.Read,
        Examples: ["audit verify"])
    {
        IsReadOnly = true,
    };

    public async Task<CommandResult> HandleAsync(VerifyAuditArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var (published, invalid, noHead) = await PublishedHeadAsync(arguments, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

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
                var broken = Check(entry, expectedSequence, previousHash) ?? Differs(entry, published);
                if (broken is not null)
                {
                    return broken;
                }

                previousHash = entry.Hash;
                expectedSequence++;
            }

            if (page.Count < PageSize)
            {
                return Holds(expectedSequence - 1, published, noHead);
            }
        }
    }

    /// <returns>The head to compare with; or an error for a bad <c>--head</c>; or why there is none to compare with.</returns>
    private async Task<(AuditHead? Head, Error? Invalid, string? NoHead)> PublishedHeadAsync(VerifyAuditArguments arguments, CancellationToken cancellationToken)
    {
        if (arguments.Head is { } given)
        {
            return AuditHead.TryParse(given, out var head)
                ? (head, null, null)
                : (null, Error.Invalid("audit.invalid-head", "--head must be sequence:hash as the log line 'Audit chain head' gives it, e.g. 42:9f86…08 (64 lower-case hex digits)."), null);
        }

        if (string.IsNullOrWhiteSpace(options.Value.HeadFile))
        {
            return (null, null, "no published head to compare its end with (set Audit:HeadFile, or give --head from the log line 'Audit chain head')");
        }

        var (fromFile, problem) = await AuditHeadPublisher.ReadHeadFileAsync(options.Value.HeadFile, cancellationToken);
        return (fromFile, null, problem is null ? null : $"its end could not be compared with the published head: {problem}");
    }

    private static Error? Check(AuditEntry entry, long expectedSequence, string previousHash)
    {
        if (entry.Sequence != expectedSequence)
        {
            return Broken($"Entry #{expectedSequence} is missing: the chain jumps to #{entry.Sequence}.");
        }

        if (entry.PreviousHash != previousHash)
        {
            return Broken($"Entry #{entry.Sequence} does not follow entry #{entry.Sequence - 1}: its link to the previous hash is broken.");
        }

        return AuditChain.HashOf(entry) == entry.Hash
            ? null
            : Broken($"Entry #{entry.Sequence} was changed after it was written: its content no longer matches its hash.");
    }

    private static Error? Differs(AuditEntry entry, AuditHead? published) =>
        published is not null && entry.Sequence == published.Sequence && entry.Hash != published.Hash
            ? Broken($"Entry #{entry.Sequence} is not the one published as the chain's head: entries from #{entry.Sequence} on were deleted and written again, or rewritten.")
            : null;

    private static CommandResult Holds(long count, AuditHead? published, string? noHead)
    {
        if (published is not null && count < published.Sequence)
        {
            return Broken($"Entry #{count + 1} is missing: the published head is entry #{published.Sequence}, but the chain ends at #{count}, so the newest entries were deleted.");
        }

        var entries = $"{count} {(count == 1 ? "entry" : "entries")}, each linked to the one before";
        return published is not null
            ? Reply.Text($"The audit chain holds: {entries}, and entry #{published.Sequence} is the published head.", Severity.Success)
            : Reply.Text($"The audit chain holds: {entries}; but {noHead}.", Severity.Warning);
    }

    private static Error Broken(string detail) => Error.Conflict("audit.chain-broken", detail);
}

internal sealed record VerifyAuditArguments(
    [Option("The published head to compare the chain's end with, sequence:hash from the log line 'Audit chain head'; the head file when omitted.", MaxLength = 100)] string? Head = null);
