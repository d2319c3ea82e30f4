using System.Net;
using System.Security.Cryptography;
using Switchboard.Emulators.OAuth;

namespace Switchboard.Emulators.PagerDuty;

/// <summary>
/// What the emulated PagerDuty knows: users and the OAuth grants apps hold for them, services, escalation policies,
/// incidents with their notes and log entries, the account's API key and the v3 webhook subscription. Access tokens
/// last 10 days as Scoped OAuth's do; refresh tokens rotate on use. Every change to an incident records who made it
/// (<see cref="Actions"/>) and is sent as a signed v3 webhook when <see cref="Webhook"/> is set.
/// </summary>
public sealed class PagerDutyState(TimeProvider clock)
{
    private const string IdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private readonly Lock _lock = new();
    private readonly List<PagerDutyUser> _users = [];
    private readonly List<PagerDutyService> _services = [];
    private readonly List<PagerDutyEscalationPolicy> _policies = [];
    private readonly List<PagerDutyIncident> _incidents = [];
    private readonly List<PagerDutySchedule> _schedules = [];
    private readonly List<IncidentAction> _actions = [];
    private readonly Queue<HttpStatusCode> _failures = new();

    public TimeProvider Clock { get; } = clock;

    public OAuthServer<PagerDutyUser> OAuth { get; } = new(clock, () => OpaqueTokens.Base62Of("pdus+_", 40), () => OpaqueTokens.Base62Of("pdur+_", 40))
    {
        AccessTokenLifetime = TimeSpan.FromDays(10),
    };

    /// <summary>The account's REST API key (<c>Authorization: Token token=...</c>); writes with it need a <c>From</c> header naming a user's e-mail.</summary>
    public string ApiKey { get; } = "u+" + OpaqueTokens.Base62Of("", 18);

    /// <summary>Where incident changes are sent as v3 webhooks, and the subscription's signing secret; null sends nothing.</summary>
    public PagerDutyWebhookSubscription? Webhook { get; set; }

    /// <summary>Every change made to an incident through the API, oldest first, with the user PagerDuty attributed it to.</summary>
    public IReadOnlyList<IncidentAction> Actions => Read<IReadOnlyList<IncidentAction>>(() => [.. _actions]);

    public IReadOnlyList<PagerDutyUser> Users => Read<IReadOnlyList<PagerDutyUser>>(() => [.. _users]);

    public IReadOnlyList<PagerDutyService> Services => Read<IReadOnlyList<PagerDutyService>>(() => [.. _services]);

    public IReadOnlyList<PagerDutyEscalationPolicy> EscalationPolicies => Read<IReadOnlyList<PagerDutyEscalationPolicy>>(() => [.. _policies]);

    public IReadOnlyList<PagerDutySchedule> Schedules => Read<IReadOnlyList<PagerDutySchedule>>(() => [.. _schedules]);

    public IReadOnlyList<PagerDutyIncident> Incidents => Read<IReadOnlyList<PagerDutyIncident>>(() => [.. _incidents]);

    /// <summary>A user with a new id in PagerDuty's shape (<c>P</c> and six letters or digits).</summary>
    public PagerDutyUser AddUser(string email, string name)
    {
        var user = new PagerDutyUser(NewId(), email, name);
        lock (_lock)
        {
            _users.Add(user);
        }

        return user;
    }

    /// <summary>An escalation policy whose levels notify these users in turn, the first level first.</summary>
    public PagerDutyEscalationPolicy AddEscalationPolicy(string name, params IReadOnlyList<PagerDutyUser>[] levels)
    {
        var policy = new PagerDutyEscalationPolicy(NewId(), name, levels);
        lock (_lock)
        {
            _policies.Add(policy);
        }

        return policy;
    }

    /// <summary>An escalation policy whose levels notify whoever each schedule puts on call, the first level first.</summary>
    public PagerDutyEscalationPolicy AddScheduledEscalationPolicy(string name, params PagerDutySchedule[] levels)
    {
        var policy = new PagerDutyEscalationPolicy(NewId(), name, [.. levels.Select(_ => (IReadOnlyList<PagerDutyUser>)[])]) { Schedules = levels };
        lock (_lock)
        {
            _policies.Add(policy);
        }

        return policy;
    }

    /// <summary>A schedule of these layers, the first layer first (a later layer wins where they overlap).</summary>
    public PagerDutySchedule AddSchedule(string name, params PagerDutyScheduleLayer[] layers)
    {
        var schedule = new PagerDutySchedule(NewId(), name, layers);
        lock (_lock)
        {
            _schedules.Add(schedule);
        }

        return schedule;
    }

    /// <summary>Puts the user on call on the schedule for a while, over whatever its layers say.</summary>
    public PagerDutyOverride AddOverride(PagerDutySchedule schedule, DateTimeOffset start, DateTimeOffset end, PagerDutyUser user)
    {
        var added = new PagerDutyOverride(NewId(), start, end, user);
        lock (_lock)
        {
            schedule.Overrides.Add(added);
        }

        return added;
    }

    public PagerDutySchedule? FindSchedule(string id) => Read(() => _schedules.SingleOrDefault(s => s.Id == id));

    /// <summary>What <c>GET /oncalls</c> answers: every level of every policy (these only, when named) that someone is on call for between the moments.</summary>
    public IReadOnlyList<PagerDutyOnCall> OnCallsBetween(DateTimeOffset since, DateTimeOffset until) => Read<IReadOnlyList<PagerDutyOnCall>>(() =>
    [
        .. _policies.SelectMany(policy => policy.Levels.SelectMany((users, index) =>
        {
            var level = index + 1;
            if (index < policy.Schedules.Count)
            {
                // A shift is reported whole, so look a while beyond the range for where it begins and ends.
                var margin = TimeSpan.FromDays(35);
                return policy.Schedules[index].ShiftsBetween(since - margin, until + margin)
                    .Where(shift => shift.Start <= until && shift.End > since)
                    .Select(shift => new PagerDutyOnCall(policy, level, policy.Schedules[index], shift.User, shift.Start, shift.End));
            }

            return users.Select(user => new PagerDutyOnCall(policy, level, null, user, null, null));
        })),
    ]);

    /// <param name="id">Its id, for a test whose command lines name a known one; else a new one.</param>
    public PagerDutyService AddService(string name, PagerDutyEscalationPolicy policy, string? id = null)
    {
        var service = new PagerDutyService(id ?? NewId(), name, policy, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        lock (_lock)
        {
            _services.Add(service);
        }

        return service;
    }

    /// <summary>The next <paramref name="count"/> REST API requests are answered with this status, as when PagerDuty limits or fails.</summary>
    public void FailNext(HttpStatusCode status, int count = 1)
    {
        lock (_lock)
        {
            for (var i = 0; i < count; i++)
            {
                _failures.Enqueue(status);
            }
        }
    }

    public PagerDutyUser? FindUser(string id) => Read(() => _users.SingleOrDefault(u => u.Id == id));

    public PagerDutyUser? FindUserByEmail(string email) =>
        Read(() => _users.SingleOrDefault(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase)));

    public PagerDutyService? FindService(string id) => Read(() => _services.SingleOrDefault(s => s.Id == id));

    public PagerDutyService? FindServiceByRoutingKey(string key) => Read(() => _services.SingleOrDefault(s => s.RoutingKey == key));

    /// <summary>The open incident an Events API alert with this dedup key belongs to.</summary>
    public PagerDutyIncident? FindOpenIncident(PagerDutyService service, string dedupKey) =>
        Read(() => _incidents.SingleOrDefault(i => i.Service == service && i.DedupKey == dedupKey && i.Status != "resolved"));

    public PagerDutyIncident? FindIncident(string id) => Read(() => _incidents.SingleOrDefault(i => i.Id == id || i.Number.ToString(System.Globalization.CultureInfo.InvariantCulture) == id));

    internal HttpStatusCode? TakeFailure() => Read(() => _failures.TryDequeue(out var status) ? status : (HttpStatusCode?)null);

    /// <summary>An incident on the service, assigned to its first escalation level unless users are named, as an alert or a person opens one.</summary>
    internal PagerDutyIncident Open(
        PagerDutyService service, string title, string urgency, IReadOnlyList<PagerDutyUser>? assignees, PagerDutyUser? by, string channel, string? details, string? dedupKey, string? id = null)
    {
        var now = Clock.GetUtcNow();
        lock (_lock)
        {
            var incident = new PagerDutyIncident(id ?? NewId(), _incidents.Count + 1, title, service, now)
            {
                Urgency = urgency,
                Details = details,
                DedupKey = dedupKey,
            };
            incident.Assignees.AddRange(assignees is { Count: > 0 } ? assignees : FirstLevelAt(service.EscalationPolicy, now));
            incident.Log.Add(new PagerDutyLogEntry(NewId(), "trigger_log_entry", now, by, channel, $"Triggered through the {channel}."));
            foreach (var assignee in incident.Assignees)
            {
                incident.Log.Add(new PagerDutyLogEntry(NewId(), "assign_log_entry", now, by, channel, $"Assigned to {assignee.Name}."));
            }

            _incidents.Add(incident);
            Record(incident, "trigger", by, channel);
            return incident;
        }
    }

    /// <summary>Applies a change under the state's lock and records it as the user's, with a log entry.</summary>
    internal void Change(PagerDutyIncident incident, string action, PagerDutyUser? by, string via, string logType, string summary, Action apply)
    {
        lock (_lock)
        {
            apply();
            incident.Log.Add(new PagerDutyLogEntry(NewId(), logType, Clock.GetUtcNow(), by, via, summary));
            Record(incident, action, by, via);
        }
    }

    internal PagerDutyNote AddNote(PagerDutyIncident incident, string content, PagerDutyUser by, string via)
    {
        lock (_lock)
        {
            var note = new PagerDutyNote(NewId(), by, content, Clock.GetUtcNow());
            incident.Notes.Add(note);
            incident.Log.Add(new PagerDutyLogEntry(NewId(), "annotate_log_entry", note.CreatedAt, by, via, "Note added"));
            Record(incident, "annotate", by, via);
            return note;
        }
    }

    private static IReadOnlyList<PagerDutyUser> FirstLevelAt(PagerDutyEscalationPolicy policy, DateTimeOffset moment) =>
        policy.Schedules.Count > 0
            ? policy.Schedules[0].OnCallAt(moment) is { } onCall ? [onCall] : []
            : policy.Levels.Count > 0 ? policy.Levels[0] : [];

    private void Record(PagerDutyIncident incident, string action, PagerDutyUser? by, string via) =>
        _actions.Add(new IncidentAction(incident.Id, action, by, via, Clock.GetUtcNow()));

    private T Read<T>(Func<T> read)
    {
        lock (_lock)
        {
            return read();
        }
    }

    private static string NewId() => "P" + RandomNumberGenerator.GetString(IdAlphabet, 6);
}

public sealed record PagerDutyUser(string Id, string Email, string Name);

/// <param name="Levels">Who each level notifies, level 1 first.</param>
public sealed record PagerDutyEscalationPolicy(string Id, string Name, IReadOnlyList<IReadOnlyList<PagerDutyUser>> Levels)
{
    /// <summary>The schedule each level notifies the on-call person of, level 1 first; levels beyond notify <see cref="Levels"/>' users.</summary>
    public IReadOnlyList<PagerDutySchedule> Schedules { get; init; } = [];
}

/// <summary>One person on call for a level of a policy: through a schedule for a shift, or always (no schedule, start or end).</summary>
public sealed record PagerDutyOnCall(PagerDutyEscalationPolicy EscalationPolicy, int EscalationLevel, PagerDutySchedule? Schedule, PagerDutyUser User, DateTimeOffset? Start, DateTimeOffset? End);

/// <param name="RoutingKey">The integration key of its Events API v2 integration.</param>
public sealed record PagerDutyService(string Id, string Name, PagerDutyEscalationPolicy EscalationPolicy, string RoutingKey);

/// <param name="Url">Where PagerDuty posts the events (a Switchboard's <c>/hooks/pagerduty</c>).</param>
/// <param name="Secret">The subscription's signing secret, which PagerDuty shows once when the subscription is made.</param>
public sealed record PagerDutyWebhookSubscription(Uri Url, string Secret);

/// <param name="Via">How the change came: <c>oauth</c> (a user's token), <c>api_token</c> (the account key with <c>From</c>), <c>events_api</c> or the emulator's own <c>web_trigger</c>.</param>
public sealed record IncidentAction(string IncidentId, string Action, PagerDutyUser? By, string Via, DateTimeOffset At);

public sealed record PagerDutyNote(string Id, PagerDutyUser User, string Content, DateTimeOffset CreatedAt);

/// <param name="Agent">Who acted; null for PagerDuty itself (an integration's alert).</param>
public sealed record PagerDutyLogEntry(string Id, string Type, DateTimeOffset CreatedAt, PagerDutyUser? Agent, string Channel, string Summary);

/// <summary>An incident as PagerDuty holds it; changed only under the state's lock.</summary>
public sealed class PagerDutyIncident(string id, int number, string title, PagerDutyService service, DateTimeOffset createdAt)
{
    public string Id { get; } = id;

    public int Number { get; } = number;

    public string Title { get; } = title;

    public PagerDutyService Service { get; } = service;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    /// <summary><c>triggered</c>, <c>acknowledged</c> or <c>resolved</c>.</summary>
    public string Status { get; internal set; } = "triggered";

    /// <summary><c>high</c> or <c>low</c>.</summary>
    public string Urgency { get; internal set; } = "high";

    public int EscalationLevel { get; internal set; } = 1;

    public string? Details { get; internal set; }

    public string? DedupKey { get; internal set; }

    public List<PagerDutyUser> Assignees { get; } = [];

    public List<PagerDutyNote> Notes { get; } = [];

    public List<PagerDutyLogEntry> Log { get; } = [];
}
