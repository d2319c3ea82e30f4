namespace Switchboard.Emulators.PagerDuty;

/// <summary>
/// A schedule as PagerDuty computes it (https://support.pagerduty.com/main/docs/schedule-basics): each layer hands the
/// turn to its users in order, every <see cref="PagerDutyScheduleLayer.TurnLength"/> from its rotation's virtual start;
/// where layers overlap the later one wins, and an override wins over every layer.
/// </summary>
public sealed class PagerDutySchedule(string id, string name, IReadOnlyList<PagerDutyScheduleLayer> layers)
{
    public string Id { get; } = id;

    public string Name { get; } = name;

    /// <summary>The first layer first; a later layer wins where both have someone.</summary>
    public IReadOnlyList<PagerDutyScheduleLayer> Layers { get; } = layers;

    internal List<PagerDutyOverride> Overrides { get; } = [];

    /// <summary>Who the final schedule puts on call at this moment; null for a gap.</summary>
    public PagerDutyUser? OnCallAt(DateTimeOffset moment) =>
        Overrides.LastOrDefault(o => o.Start <= moment && moment < o.End)?.User
        ?? Layers.Reverse().Select(layer => layer.OnCallAt(moment)).FirstOrDefault(user => user is not null);

    /// <summary>The final schedule between two moments as shifts: one per stretch with the same person, gaps left out.</summary>
    public IReadOnlyList<PagerDutyShift> ShiftsBetween(DateTimeOffset since, DateTimeOffset until)
    {
        var boundaries = new SortedSet<DateTimeOffset> { since, until };
        foreach (var moment in Overrides.SelectMany(o => new[] { o.Start, o.End }).Concat(Layers.SelectMany(l => l.BoundariesBetween(since, until))))
        {
            if (moment > since && moment < until)
            {
                boundaries.Add(moment);
            }
        }

        var shifts = new List<PagerDutyShift>();
        var moments = boundaries.ToList();
        for (var i = 0; i < moments.Count - 1; i++)
        {
            if (OnCallAt(moments[i]) is not { } user)
            {
                continue;
            }

            if (shifts.Count > 0 && shifts[^1].User == user && shifts[^1].End == moments[i])
            {
                shifts[^1] = shifts[^1] with { End = moments[i + 1] };
            }
            else
            {
                shifts.Add(new PagerDutyShift(user, moments[i], moments[i + 1]));
            }
        }

        return shifts;
    }
}

/// <param name="Start">When the layer takes effect.</param>
/// <param name="RotationVirtualStart">When the first user's first turn began, which sets where every turn starts.</param>
/// <param name="TurnLength">How long each user's turn is (<c>rotation_turn_length_seconds</c>).</param>
public sealed record PagerDutyScheduleLayer(string Name, DateTimeOffset Start, DateTimeOffset RotationVirtualStart, TimeSpan TurnLength, IReadOnlyList<PagerDutyUser> Users)
{
    /// <summary>When the layer stops taking effect; null for never.</summary>
    public DateTimeOffset? End { get; init; }

    public PagerDutyUser? OnCallAt(DateTimeOffset moment)
    {
        if (moment < Start || moment >= End || Users.Count == 0)
        {
            return null;
        }

        var turn = (long)Math.Floor((moment - RotationVirtualStart) / TurnLength);
        return Users[(int)(((turn % Users.Count) + Users.Count) % Users.Count)];
    }

    internal IEnumerable<DateTimeOffset> BoundariesBetween(DateTimeOffset since, DateTimeOffset until)
    {
        yield return Start;
        if (End is { } end)
        {
            yield return end;
        }

        var turn = (long)Math.Floor((since - RotationVirtualStart) / TurnLength);
        for (var moment = RotationVirtualStart + (turn * TurnLength); moment < until; moment += TurnLength)
        {
            yield return moment;
        }
    }
}

public sealed record PagerDutyOverride(string Id, DateTimeOffset Start, DateTimeOffset End, PagerDutyUser User);

public sealed record PagerDutyShift(PagerDutyUser User, DateTimeOffset Start, DateTimeOffset End);
