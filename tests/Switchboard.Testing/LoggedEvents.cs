using System.Diagnostics;
using System.Globalization;

namespace Switchboard.Testing;

/// <summary>Reads the event log the way an operator does, with <c>events</c>, for tests that wait on the router.</summary>
public static class LoggedEvents
{
    /// <summary>
    /// The <c>events</c> line of the event with this dedupe key once its status is <paramref name="status"/>
    /// (<c>handled</c>, <c>dead-lettered</c>, <c>waiting</c>): the router gets there a moment after the 202.
    /// </summary>
    public static async Task<string> EventuallyAsync(this SwitchboardHost host, string dedupeKey, string status, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var line = await LineAsync(host, dedupeKey, cancellationToken);
            // A dead letter's error follows its status: "· dead-lettered: JsonException: ...".
            if (line is not null && (line.EndsWith(" · " + status, StringComparison.Ordinal) || line.Contains($" · {status}: ", StringComparison.Ordinal)))
            {
                return line;
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), $"Event {dedupeKey} was not {status} within 20 s; `events` last listed it as: {line ?? "(not listed)"}");
            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>The event's line in <c>events</c>, or null when it is not listed.</summary>
    public static async Task<string?> LineAsync(this SwitchboardHost host, string dedupeKey, CancellationToken cancellationToken)
    {
        var listed = await host.RunAsAdminAsync("events --since 90d --limit 200", cancellationToken);
        return listed.Text?.Split('\n').SingleOrDefault(l => l.Contains($" · `{dedupeKey}`", StringComparison.Ordinal));
    }

    /// <summary>The id an <c>events</c> line starts with.</summary>
    public static long IdOf(string line) => long.Parse(line.Split(" · ")[0], CultureInfo.InvariantCulture);
}
