using Switchboard.Core.People;

namespace Switchboard.Core.Audit;

/// <summary>
/// The append-only, hash-chained record of what people did and what was refused. Implemented by
/// <c>Switchboard.Data</c>; an append returns once the entry is durable.
/// </summary>
public interface IAuditLog
{
    Task AppendAsync(AuditRecord record, CancellationToken cancellationToken);
}

/// <param name="Action">What happened: <c>command team create</c>, <c>token.revoked</c>, <c>signin</c>.</param>
/// <param name="Outcome">One of <see cref="AuditOutcomes"/>.</param>
/// <param name="Code">The error code of a refusal or failure.</param>
/// <param name="Detail">The command line with secrets redacted, or what the event concerns.</param>
public sealed record AuditRecord(
    DateTimeOffset OccurredAt,
    PersonId? PersonId,
    string FrontEnd,
    string Action,
    string Outcome,
    string? Code,
    string Detail);

public static class AuditOutcomes
{
    public const string Succeeded = "succeeded";
    public const string Refused = "refused";
    public const string Failed = "failed";
}
