using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Switchboard.Core.Audit;

namespace Switchboard.Data.Audit;

/// <summary>
/// The hash of an entry covers the previous entry's hash and the entry itself in one canonical text
/// form (a JSON array of strings, times in UTC to the millisecond), whatever the database stores.
/// </summary>
internal static class AuditChain
{
    public static readonly string GenesisHash = new('0', 64);

    private const int MaxDetail = 8_000;

    public static AuditEntry Link(AuditRecord record, long sequence, string previousHash)
    {
        var occurredAt = DateTimeOffset.FromUnixTimeMilliseconds(record.OccurredAt.ToUnixTimeMilliseconds());
        return new AuditEntry
        {
            Sequence = sequence,
            OccurredAt = occurredAt,
            PersonId = record.PersonId,
            FrontEnd = record.FrontEnd,
            Action = record.Action,
            Outcome = record.Outcome,
            Code = record.Code,
            Detail = record.Detail.Length <= MaxDetail ? record.Detail : record.Detail[..(MaxDetail - 1)] + "…",
            PreviousHash = previousHash,
        }.Sealed();
    }

    public static string HashOf(AuditEntry entry)
    {
        string[] canonical =
        [
            entry.Sequence.ToString(CultureInfo.InvariantCulture),
            entry.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            entry.PersonId?.ToString() ?? "",
            entry.FrontEnd,
            entry.Action,
            entry.Outcome,
            entry.Code ?? "",
            entry.Detail,
            entry.PreviousHash,
        ];
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(canonical)));
        return Convert.ToHexStringLower(bytes);
    }
}
