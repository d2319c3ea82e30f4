using System.Text.Json;
using Switchboard.Core.Commands;
using Switchboard.Core.Replies;

namespace Switchboard.Data.Audit.ExportAudit;

/// <summary>
/// <c>audit export</c>: the matching entries as JSON lines, oldest first, each with its hashes so that a copy
/// can be checked against the chain. Offered where the reply is a file or a terminal (API, sb, console), not in chat.
/// </summary>
internal sealed class ExportAuditCommand(AuditFilter filter) : ICommandHandler<AuditFilterArguments>
{
    public const int MaxLimit = 10_000;

    private static readonly JsonSerializerOptions LineOptions = new(JsonSerializerDefaults.Web);

    public static CommandDefinition Definition { get; } = new(
        Verb: "audit export",
        Summary: "Export audit entries as JSON lines, with the same filters as audit search.",
        Permission: AuditPermissions.Search,
        // Its lines hold hashes over person ids that differ on every run, so no example can show a stable reply.
        Examples: [])
    {
        IsReadOnly = true,
        NotOfferedOn = new HashSet<FrontEnd> { FrontEnd.Slack, FrontEnd.Email, FrontEnd.Sms },
        NotOfferedReason = "audit export answers with JSON lines, which belong in a file: run it with sb, the API or the console's Audit page.",
    };

    public async Task<CommandResult> HandleAsync(AuditFilterArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var (entries, error) = await filter.FindAsync(arguments, actor, MaxLimit, MaxLimit, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var handles = await filter.HandlesAsync(entries!, cancellationToken);
        var lines = entries!.AsEnumerable().Reverse().Select(e => JsonSerializer.Serialize(
            new AuditLine(
                e.Sequence,
                e.OccurredAt,
                e.PersonId?.ToString(),
                e.PersonId is { } id && handles.TryGetValue(id, out var handle) ? handle : null,
                e.FrontEnd,
                e.Action,
                e.Outcome,
                e.Code,
                e.Detail,
                e.PreviousHash,
                e.Hash),
            LineOptions));
        return Reply.Text(string.Join('\n', lines));
    }

    private sealed record AuditLine(
        long Sequence,
        DateTimeOffset OccurredAt,
        string? PersonId,
        string? Person,
        string FrontEnd,
        string Action,
        string Outcome,
        string? Code,
        string Detail,
        string PreviousHash,
        string Hash);
}
