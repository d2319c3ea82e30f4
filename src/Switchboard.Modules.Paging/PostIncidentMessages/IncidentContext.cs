using System.Globalization;
using Switchboard.Core.Catalog;
using Switchboard.Core.Replies;

namespace Switchboard.Modules.Paging.PostIncidentMessages;

/// <summary>
/// What changed around a service before its incident, from the service timeline: deploys, errors and merges of that
/// service only, in the 24 hours before the moment the incident's event happened (so a redelivery shows the same).
/// </summary>
internal sealed class IncidentContext(IServiceTimeline timeline)
{
    public static readonly TimeSpan Lookback = TimeSpan.FromHours(24);
    private const int MostShown = 10;
    private static readonly TimelineKind[] Kinds = [TimelineKind.Deploy, TimelineKind.Error, TimelineKind.Merge];

    public async Task<Action<ReplyBuilder>> ForAsync(string service, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var entries = (await timeline.ReadAsync(service, at - Lookback, Kinds, MostShown + 1, cancellationToken))
            .Where(e => e.OccurredAt <= at)
            .ToList();
        var title = $"Changes to {service} in the 24 hours before";
        if (entries.Count == 0)
        {
            return card => card.Section(title, section => section.Line("No deploys, errors or merges."));
        }

        return card => card.Section(title, section =>
        {
            foreach (var entry in entries.Take(MostShown))
            {
                var when = entry.OccurredAt.UtcDateTime.ToString("MMM d HH:mm'Z'", CultureInfo.InvariantCulture);
                var what = entry.Url is { } url ? $"[{entry.Title}]({url})" : entry.Title;
                section.Line($"{when} · {Kind(entry.Kind)} · {what}{(entry.Actor is { } actor ? $" by {actor}" : "")}");
            }

            if (entries.Count > MostShown)
            {
                section.Line($"… and more: `activity {service}` lists them all.");
            }
        });
    }

    private static string Kind(TimelineKind kind) => kind switch
    {
        TimelineKind.Deploy => "deploy",
        TimelineKind.Error => "error",
        TimelineKind.Merge => "merge",
        TimelineKind.AlertOpened or TimelineKind.AlertClosed => "alert",
    };
}
