using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Switchboard.Emulators.Slack.WebApi;

/// <summary>
/// Everything the emulated Slack workspace knows, in memory: the team (seeded with <c>#ops-alerts</c> and
/// <c>#general</c>, which the bot is in, and <c>#random</c>, which it is not), its people and channels, the bot's
/// token and memberships, every message with its metadata, and every Web API call. Tests arrange it
/// directly and inject faults; the Web API endpoint reads and changes it.
/// </summary>
public sealed class SlackState
{
    public const string TeamId = "T0SWITCH1";
    public const string TeamName = "Switchboard Test";
    public const string TeamDomain = "switchboard-test";
    public const string BotUserId = "U0BOT0001";
    public const string BotId = "B0BOT0001";

    /// <summary>The seeded <c>#ops-alerts</c>, with the bot in it: the channel the commands' examples bind.</summary>
    public const string OpsAlertsChannelId = "C0123ABC";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, SlackUser> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SlackChannel> _channels = new(StringComparer.Ordinal);
    private readonly List<SlackMessage> _messages = [];
    private readonly List<SlackEphemeral> _ephemerals = [];
    private readonly List<SlackCall> _calls = [];
    private readonly Dictionary<string, Queue<TimeSpan>> _rateLimits = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _timeOuts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _triggerIds = new(StringComparer.Ordinal);
    private long _lastTs;
    private int _nextId = 1;

    public SlackState(TimeProvider clock)
    {
        Clock = clock;
        BotToken = "xoxb-" + TeamId + "-emulated-bot-token";
        _users.Add(BotUserId, new SlackUser(BotUserId, "switchboard", "Switchboard", null) { IsBot = true });
        AddChannel("ops-alerts", id: OpsAlertsChannelId);
        AddChannel("general");
        AddChannel("random", botIsMember: false);
    }

    public TimeProvider Clock { get; }

    /// <summary>The bot token (<c>xoxb-...</c>) the Web API accepts; any other token is <c>invalid_auth</c>.</summary>
    public string BotToken { get; }

    /// <summary>The app-level token (<c>xapp-...</c>) that only <c>apps.connections.open</c> takes.</summary>
    public string AppToken { get; } = "xapp-1-A0SWITCHBD-1-emulated-app-token";

    /// <summary>A member of the workspace; <paramref name="guest"/> makes a single-channel guest (<c>is_ultra_restricted</c>).</summary>
    /// <param name="id">The user id, for a member a test has already named in a request from Slack; else a new one.</param>
    public SlackUser AddUser(string name, string realName, string? email, bool guest = false, string? id = null)
    {
        lock (_lock)
        {
            var user = new SlackUser(id ?? NewId('U'), name, realName, email) { IsUltraRestricted = guest };
            _users.Add(user.Id, user);
            return user;
        }
    }

    /// <summary>A public channel (<c>C...</c>); <paramref name="botIsMember"/> false makes a post to it <c>not_in_channel</c>.</summary>
    public SlackChannel AddChannel(string name, bool botIsMember = true, bool isPrivate = false, string? id = null)
    {
        lock (_lock)
        {
            var channel = new SlackChannel(id ?? NewId(isPrivate ? 'G' : 'C'), name, isPrivate, isIm: false, Clock.GetUtcNow());
            if (botIsMember)
            {
                channel.Members.Add(BotUserId);
            }

            _channels.Add(channel.Id, channel);
            return channel;
        }
    }

    /// <summary>A trigger id, as Slack sends with a slash command or a click, that <c>views.open</c> accepts once.</summary>
    public string IssueTriggerId()
    {
        lock (_lock)
        {
            var trigger = $"{_nextId++}.{TeamId}.{Guid.NewGuid():N}";
            _triggerIds.Add(trigger);
            return trigger;
        }
    }

    /// <summary>Answers the next calls of the method with HTTP 429 and <c>Retry-After</c>, one for each delay given.</summary>
    public void RateLimitNext(string method, params TimeSpan[] retryAfter)
    {
        lock (_lock)
        {
            var queue = _rateLimits.TryGetValue(method, out var existing) ? existing : _rateLimits[method] = new Queue<TimeSpan>();
            foreach (var delay in retryAfter)
            {
                queue.Enqueue(delay);
            }
        }
    }

    /// <summary>
    /// Carries out the next <paramref name="times"/> calls of the method (a post is kept in the channel) but never
    /// answers them, until the caller gives up: the ambiguous failure a client cannot tell from a lost request.
    /// </summary>
    public void TimeOutNext(string method, int times = 1)
    {
        lock (_lock)
        {
            _timeOuts[method] = _timeOuts.GetValueOrDefault(method) + times;
        }
    }

    /// <summary>Every call, oldest first, with what it was answered.</summary>
    public IReadOnlyList<SlackCall> Calls
    {
        get
        {
            lock (_lock)
            {
                return _calls.ToList();
            }
        }
    }

    /// <summary>The channel's messages oldest first, thread replies included.</summary>
    public IReadOnlyList<SlackMessage> MessagesIn(string channelId)
    {
        lock (_lock)
        {
            return _messages.Where(m => m.Channel == channelId).ToList();
        }
    }

    public IReadOnlyList<SlackEphemeral> Ephemerals
    {
        get
        {
            lock (_lock)
            {
                return _ephemerals.ToList();
            }
        }
    }

    internal SlackUser? User(string id)
    {
        lock (_lock)
        {
            return _users.GetValueOrDefault(id);
        }
    }

    internal SlackUser? UserByEmail(string email)
    {
        lock (_lock)
        {
            return _users.Values.FirstOrDefault(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase));
        }
    }

    internal SlackChannel? Channel(string id)
    {
        lock (_lock)
        {
            return _channels.GetValueOrDefault(id);
        }
    }

    internal IReadOnlyList<SlackChannel> Channels()
    {
        lock (_lock)
        {
            return _channels.Values.OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>The app's direct-message conversation (<c>D...</c>) with the person, opened if need be, as <c>conversations.open</c> does.</summary>
    public SlackChannel OpenIm(string userId)
    {
        lock (_lock)
        {
            var existing = _channels.Values.FirstOrDefault(c => c.IsIm && c.Members.Contains(userId));
            if (existing is not null)
            {
                return existing;
            }

            var im = new SlackChannel(NewId('D'), userId, isPrivate: true, isIm: true, Clock.GetUtcNow());
            im.Members.Add(userId);
            im.Members.Add(BotUserId);
            _channels.Add(im.Id, im);
            return im;
        }
    }

    internal SlackMessage Post(string channel, string? threadTs, string? text, JsonArray? blocks, JsonObject? metadata)
    {
        lock (_lock)
        {
            var message = new SlackMessage(channel, NextTs(), threadTs, text, blocks, metadata, BotUserId, BotId);
            _messages.Add(message);
            return message;
        }
    }

    /// <summary>A person's own message, such as the one a mention of the app arrives in; the app may reply in its thread.</summary>
    public SlackMessage PostAs(string userId, string channel, string text)
    {
        lock (_lock)
        {
            var message = new SlackMessage(channel, NextTs(), null, text, null, null, userId, BotId: null);
            _messages.Add(message);
            return message;
        }
    }

    internal SlackMessage? Message(string channel, string ts)
    {
        lock (_lock)
        {
            return _messages.FirstOrDefault(m => m.Channel == channel && m.Ts == ts);
        }
    }

    internal SlackEphemeral PostEphemeral(string channel, string user, string? text, JsonArray? blocks)
    {
        lock (_lock)
        {
            var ephemeral = new SlackEphemeral(channel, user, NextTs(), text, blocks);
            _ephemerals.Add(ephemeral);
            return ephemeral;
        }
    }

    internal bool UseTrigger(string triggerId)
    {
        lock (_lock)
        {
            return _triggerIds.Remove(triggerId);
        }
    }

    internal string NewViewId()
    {
        lock (_lock)
        {
            return NewId('V');
        }
    }

    internal TimeSpan? TakeRateLimit(string method)
    {
        lock (_lock)
        {
            return _rateLimits.TryGetValue(method, out var queue) && queue.TryDequeue(out var delay) ? delay : null;
        }
    }

    internal bool TakeTimeOut(string method)
    {
        lock (_lock)
        {
            if (_timeOuts.GetValueOrDefault(method) <= 0)
            {
                return false;
            }

            _timeOuts[method]--;
            return true;
        }
    }

    internal void Record(SlackCall call)
    {
        lock (_lock)
        {
            _calls.Add(call);
        }
    }

    private string NewId(char prefix) => prefix + (_nextId++).ToString("X8", CultureInfo.InvariantCulture);

    /// <summary>Slack's <c>ts</c>: seconds since the epoch and six digits, unique and increasing within the workspace.</summary>
    private string NextTs()
    {
        var micros = Math.Max(Clock.GetUtcNow().ToUnixTimeMilliseconds() * 1000, _lastTs + 1);
        _lastTs = micros;
        return $"{micros / 1_000_000}.{micros % 1_000_000:D6}";
    }
}

public sealed class SlackUser(string id, string name, string realName, string? email)
{
    public string Id { get; } = id;

    public string Name { get; } = name;

    public string RealName { get; } = realName;

    public string? Email { get; } = email;

    public bool IsBot { get; init; }

    /// <summary>A single-channel guest.</summary>
    public bool IsUltraRestricted { get; init; }

    public bool Deleted { get; set; }
}

public sealed class SlackChannel(string id, string name, bool isPrivate, bool isIm, DateTimeOffset created)
{
    public string Id { get; } = id;

    public string Name { get; } = name;

    public bool IsPrivate { get; } = isPrivate;

    public bool IsIm { get; } = isIm;

    public DateTimeOffset Created { get; } = created;

    public bool IsArchived { get; set; }

    /// <summary>User ids; the bot's (<see cref="SlackState.BotUserId"/>) when the app was invited.</summary>
    public HashSet<string> Members { get; } = new(StringComparer.Ordinal);
}

/// <param name="ThreadTs">The parent's <c>ts</c> for a reply in a thread, else null.</param>
/// <param name="Metadata"><c>{"event_type": ..., "event_payload": {...}}</c> as posted, or null.</param>
/// <param name="BotId">The app's bot id for what it posted; null for a person's message.</param>
public sealed record SlackMessage(
    string Channel, string Ts, string? ThreadTs, string? Text, JsonArray? Blocks, JsonObject? Metadata, string User, string? BotId)
{
    public string? Text { get; set; } = Text;

    public JsonArray? Blocks { get; set; } = Blocks;

    /// <summary>When <c>chat.update</c> last changed it.</summary>
    public string? EditedTs { get; set; }
}

public sealed record SlackEphemeral(string Channel, string User, string MessageTs, string? Text, JsonArray? Blocks);

/// <param name="Arguments">What the caller sent, as strings (JSON values in their JSON text); never the token.</param>
/// <param name="Status">The HTTP status answered, or 0 when the emulator never answered (an injected time-out).</param>
/// <param name="Error">Slack's <c>error</c> when <c>ok</c> was false.</param>
public sealed record SlackCall(string Method, IReadOnlyDictionary<string, string> Arguments, int Status, string? Error, DateTimeOffset At)
{
    /// <summary>When it was answered in real time (<see cref="Stopwatch.GetTimestamp"/>), whatever the clock: for pacing.</summary>
    public long AnsweredTimestamp { get; } = Stopwatch.GetTimestamp();
}
