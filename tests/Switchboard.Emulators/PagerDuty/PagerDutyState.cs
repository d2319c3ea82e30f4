using System.Security.Cryptography;
using Switchboard.Emulators.OAuth;

namespace Switchboard.Emulators.PagerDuty;

/// <summary>
/// What the emulated PagerDuty knows: users and the OAuth grants apps hold for them. Access tokens last 10 days
/// as Scoped OAuth's do; refresh tokens rotate on use.
/// </summary>
public sealed class PagerDutyState(TimeProvider clock)
{
    private const string IdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private readonly List<PagerDutyUser> _users = [];

    public TimeProvider Clock { get; } = clock;

    public OAuthServer<PagerDutyUser> OAuth { get; } = new(clock, () => OpaqueTokens.Base62Of("pdus+_", 40), () => OpaqueTokens.Base62Of("pdur+_", 40))
    {
        AccessTokenLifetime = TimeSpan.FromDays(10),
    };

    /// <summary>A user with a new id in PagerDuty's shape (<c>P</c> and six letters or digits).</summary>
    public PagerDutyUser AddUser(string email, string name)
    {
        var user = new PagerDutyUser("P" + RandomNumberGenerator.GetString(IdAlphabet, 6), email, name);
        lock (_users)
        {
            _users.Add(user);
        }

        return user;
    }

    public IReadOnlyList<PagerDutyUser> Users
    {
        get
        {
            lock (_users)
            {
                return [.. _users];
            }
        }
    }
}

public sealed record PagerDutyUser(string Id, string Email, string Name);
