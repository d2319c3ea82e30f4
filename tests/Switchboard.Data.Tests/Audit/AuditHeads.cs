using System.Globalization;
using Microsoft.Extensions.Logging;
using Switchboard.Testing;

namespace Switchboard.Data.Tests.Audit;

/// <summary>What an operator reads to check the chain's end: the published head in the log, and entries by their number.</summary>
internal static class AuditHeads
{
    private const int HeadPublished = 2100;

    /// <summary>The newest head the host logged, <c>sequence:hash</c>, as an operator copies it for <c>audit verify --head</c>.</summary>
    public static string Newest(SwitchboardHost host) =>
        host.Logs.GetSnapshot()
            .Last(r => r.Id.Id == HeadPublished && r.Level == LogLevel.Information)
            .Message["Audit chain head: ".Length..];

    public static long SequenceOf(string head) => long.Parse(head.Split(':')[0], CultureInfo.InvariantCulture);

    /// <summary>The number of the one entry in an <c>audit search</c> reply whose detail is this.</summary>
    public static long SequenceOf(ApiOutcome search, string detail) =>
        long.Parse(
            search.Text!.Split('\n').Single(l => l.EndsWith(": " + detail, StringComparison.Ordinal)).Split(' ')[0].TrimStart('#'),
            CultureInfo.InvariantCulture);
}
