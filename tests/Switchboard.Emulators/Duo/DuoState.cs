using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Switchboard.Emulators.Duo;

/// <summary>
/// What the Duo emulator knows: one Auth API application (its integration and secret keys), users with their devices
/// and how each will answer a push, and the pushes sent.
/// </summary>
public sealed class DuoState(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, DuoUser> _users = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DuoPush> _pushes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<DuoPush> _sent = new();

    public TimeProvider Clock { get; } = clock;

    public string IntegrationKey { get; } = "DI" + RandomNumberGenerator.GetHexString(18);

    public string SecretKey { get; } = RandomNumberGenerator.GetHexString(40, lowercase: true);

    /// <summary>Every push sent, oldest first.</summary>
    public IReadOnlyList<DuoPush> Pushes => [.. _sent];

    /// <summary>An active user with one phone that takes pushes, who answers them as <paramref name="answer"/>.</summary>
    public DuoUser AddUser(string username, PushAnswer answer = PushAnswer.Approve, string status = "auth", bool canPush = true)
    {
        var user = new DuoUser(username) { Answer = answer, Status = status, CanPush = canPush };
        _users[username] = user;
        return user;
    }

    internal DuoUser? UserNamed(string username) => _users.GetValueOrDefault(username);

    internal DuoPush Send(DuoUser user, string type)
    {
        var push = new DuoPush(RandomNumberGenerator.GetHexString(32, lowercase: true), user.Username, type, Clock.GetUtcNow());
        _pushes[push.TransactionId] = push;
        _sent.Enqueue(push);
        return push;
    }

    internal DuoPush? PushWith(string txid) => _pushes.GetValueOrDefault(txid);
}

public sealed record DuoUser(string Username)
{
    public PushAnswer Answer { get; set; }

    /// <summary>What preauth answers for them: <c>auth</c>, <c>allow</c> (bypass), <c>enroll</c> or <c>deny</c>.</summary>
    public string Status { get; set; } = "auth";

    public bool CanPush { get; set; } = true;
}

public enum PushAnswer
{
    Approve,
    Deny,

    /// <summary>Denied and reported as fraud by the person.</summary>
    Fraud,

    /// <summary>Never answered: Duo times the push out.</summary>
    Ignore,
}

/// <param name="Type">What the phone showed the request was for.</param>
public sealed record DuoPush(string TransactionId, string Username, string Type, DateTimeOffset SentAt)
{
    /// <summary>How many times <c>auth_status</c> was asked about it.</summary>
    public int StatusCalls { get; set; }
}
