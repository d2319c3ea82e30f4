using System.Diagnostics.CodeAnalysis;
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

    public bool TryGet(string hash, [NotNullWhen(true)] out RecentToken? token)
    {
        token = cache.Get(Key(hash)) as RecentToken;
        return token is not null;
    }

    /// <summary>Keeps a token that checked out, unless it was revoked while it was being checked.</summary>
    public void Remember(string hash, RecentToken token)
    {
        if (!cache.TryGetValue(Key(hash), out var entry) || entry is not Revoked)
        {
            cache.Set(Key(hash), token, Lifetime);
        }
    }

    /// <summary>Leaves a mark for as long as a check begun before the revocation could try to remember it.</summary>
    public void Forget(string hash) => cache.Set(Key(hash), Revoked.Mark, Lifetime);

    private static (string, string) Key(string hash) => ("rolodex.token", hash);

    private sealed class Revoked
    {
        public static readonly Revoked Mark = new();
    }
}

internal sealed record RecentToken(PersonSummary Person, ActorAccess Access, DateTimeOffset? ExpiresAt);
