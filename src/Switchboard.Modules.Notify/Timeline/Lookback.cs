using System.Globalization;
using Switchboard.Core.Errors;

namespace Switchboard.Modules.Notify.Timeline;

/// <summary>How far back a timeline command looks, written <c>90m</c>, <c>24h</c> or <c>7d</c>.</summary>
internal static class Lookback
{
    public static readonly TimeSpan Longest = TimeSpan.FromDays(90);

    public static (TimeSpan? Span, Error? Error) Parse(string written)
    {
        var unit = written.Length > 1 ? written[^1] : ' ';
        var fits = int.TryParse(written[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var amount) && amount > 0;
        TimeSpan? span = !fits ? null : unit switch
        {
            'm' => TimeSpan.FromMinutes(amount),
            'h' => TimeSpan.FromHours(amount),
            'd' => TimeSpan.FromDays(amount),
            _ => null,
        };
        return span is null || span > Longest
            ? (null, Error.Invalid("notify.invalid-since", $"--since takes a span such as 90m, 24h or 7d, up to {Longest.Days}d; '{written}' is not one."))
            : (span, null);
    }
}
