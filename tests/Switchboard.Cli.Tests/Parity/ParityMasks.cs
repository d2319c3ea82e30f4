using System.Text.RegularExpressions;
using Switchboard.Testing;

namespace Switchboard.Cli.Tests.Parity;

/// <summary>
/// What differs between installations set up alike, on top of <see cref="Masks"/>: the short ids of audit entries and
/// sessions, and the ids PagerDuty gives its users and the incidents <c>page</c> opens.
/// </summary>
internal static partial class ParityMasks
{
    public static string Apply(string text) => PagerDutyId().Replace(ShortId().Replace(Masks.Apply(text), "<short-id>"), "<pagerduty-id>");

    [GeneratedRegex(@"\b[0-9a-f]{8}\b")]
    private static partial Regex ShortId();

    /// <summary>PagerDuty's ids: <c>P</c> and six capital letters or digits.</summary>
    [GeneratedRegex(@"\bP[0-9A-Z]{6}\b")]
    private static partial Regex PagerDutyId();
}
