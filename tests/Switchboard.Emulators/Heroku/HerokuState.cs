using Switchboard.Emulators.Heroku.Platform;
using Switchboard.Emulators.OAuth;

namespace Switchboard.Emulators.Heroku;

/// <summary>
/// What the emulated Heroku knows: accounts, the OAuth grants its clients hold, and the apps of the <see cref="Platform"/>. Access tokens are
/// <c>HRKU-</c> prefixed and last 8 hours (<c>expires_in</c> 28799); refresh tokens do not rotate or expire.
/// </summary>
public sealed class HerokuState(TimeProvider clock)
{
    public TimeProvider Clock { get; } = clock;

    public OAuthServer<HerokuAccount> OAuth { get; } = new(clock, () => "HRKU-" + Guid.NewGuid(), () => Guid.NewGuid().ToString())
    {
        AccessTokenLifetime = TimeSpan.FromSeconds(28_799),
        RotatesRefreshTokens = false,
    };

    public HerokuPlatform Platform { get; } = new(clock);

    /// <summary>A Heroku account with a new id.</summary>
    public HerokuAccount AddAccount(string email, string? name = null) => new(Guid.NewGuid(), email, name, Clock.GetUtcNow());
}

public sealed record HerokuAccount(Guid Id, string Email, string? Name, DateTimeOffset CreatedAt);
