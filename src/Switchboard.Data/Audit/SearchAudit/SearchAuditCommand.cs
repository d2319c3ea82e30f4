using System.Globalization;
using Switchboard.Core.Commands;
using Switchboard.Core.People;
using Switchboard.Core.Replies;

namespace Switchboard.Data.Audit.SearchAudit;

/// <summary>
/// <c>audit search</c>: the entries that match, newest first. Administrators search everyone's; anyone else
/// searches their own, and naming a person takes an administrator.
/// </summary>
internal sealed class SearchAuditCommand(AuditFilter filter) : ICommandHandler<AuditFilterArguments>
{
    public const int DefaultLimit = 100;

    public const int MaxLimit = 1_000;

    public static CommandDefinition Definition { get; } = new(
        Verb: "audit search",
        Summary: "Find audit entries by person, command, outcome and time; yours, or anyone's for administrators.",
        Permission: AuditPermissions.Search,
        Examples: ["audit search --outcome refused --since 24h", "audit search --command \"team create\" --limit 10"])
    {
        IsReadOnly = true,
    };

    public async Task<CommandResult> HandleAsync(AuditFilterArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var (entries, error) = await filter.FindAsync(arguments, actor, DefaultLimit, MaxLimit, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        if (entries!.Count == 0)
        {
            return Reply.Text("No audit entries match.");
        }

        var handles = await filter.HandlesAsync(entries, cancellationToken);
        var lines = entries.Select(e => string.Create(
            CultureInfo.InvariantCulture,
            $"#{e.Sequence} {e.OccurredAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z {e.FrontEnd} {Who(e, handles)} {e.Outcome}{(e.Code is null ? "" : " " + e.Code)}: {e.Detail}"));
        var more = entries.Count == (arguments.Limit ?? DefaultLimit) ? $"\nThe newest {entries.Count} shown; narrow the search or raise --limit for more." : "";
        return Reply.Text(string.Join('\n', lines) + more);
    }

    private static string Who(AuditEntry entry, IReadOnlyDictionary<PersonId, string> handles) =>
        entry.PersonId is not { } id ? "-"
            : handles.TryGetValue(id, out var handle) ? "@" + handle
            : id.ToString();
}
