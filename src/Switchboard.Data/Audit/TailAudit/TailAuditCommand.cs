using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Commands;
using Switchboard.Core.Errors;
using Switchboard.Core.Replies;

namespace Switchboard.Data.Audit.TailAudit;

/// <summary><c>audit tail</c>: the newest audit entries, newest last.</summary>
internal sealed class TailAuditCommand(SwitchboardDbContext db) : ICommandHandler<TailAuditArguments>
{
    private const int MaxCount = 200;

    public static CommandDefinition Definition { get; } = new(
        Verb: "audit tail",
        Summary: "Show the newest audit entries.",
        Permission: AuditPermissions.Read,
        Examples: ["audit tail --count 5"])
    {
        IsReadOnly = true,
    };

    public async Task<CommandResult> HandleAsync(TailAuditArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        if (arguments.Count is < 1 or > MaxCount)
        {
            return Error.Invalid("audit.invalid-count", $"--count must be between 1 and {MaxCount}.");
        }

        var entries = await db.Set<AuditEntry>()
            .OrderByDescending(e => e.Sequence)
            .Take(arguments.Count)
            .ToListAsync(cancellationToken);
        if (entries.Count == 0)
        {
            return Reply.Text("The audit log is empty.");
        }

        var lines = entries.AsEnumerable().Reverse().Select(e => string.Create(
            CultureInfo.InvariantCulture,
            $"#{e.Sequence} {e.OccurredAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z {e.FrontEnd} {e.PersonId?.ToString() ?? "-"} {e.Outcome}{(e.Code is null ? "" : " " + e.Code)}: {e.Detail}"));
        return Reply.Text(string.Join('\n', lines));
    }
}

internal sealed record TailAuditArguments([Option("How many entries to show, at most 200.")] int Count = 20);
