using Microsoft.Extensions.Caching.Memory;
using Switchboard.Core.Commands;
using Switchboard.Core.People;

namespace Switchboard.Modules.Rolodex.Tokens;

/// <summary>
/// Tokens that checked out in the last few seconds, so a script hammering the API costs no lookup per
/// request. Only tokens that checked out are kept, so the cache holds at most the live tokens. This process forgets a token the moment it is revoked here; another process sharing the
/// database may accept a revoked token for at most <see cref="Lifetime"/>.
/// </summary>
internal sealed class RecentTokens(IMemoryCache cache)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    public bool TryGet(string hash, out RecentToken token) => cache.TryGetValue(Key(hash), out token!);

    public void Remember(string hash, RecentToken token) =>
        cache.Set(Key(hash), token, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime });

    public void Forget(string hash) => cache.Remove(Key(hash));

    private static (string, string) Key(string hash) => ("rolodex.token", hash);
}

internal sealed record RecentToken(PersonSummary Person, ActorAccess Access, DateTimeOffset? ExpiresAt);
