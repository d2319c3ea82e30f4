using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Caching.Memory;
using Switchboard.Core.Commands;
using Switchboard.Core.People;

namespace Switchboard.Modules.Rolodex.Tokens;

/// <summary>
/// Credentials (API tokens, console sessions) that checked out in the last few seconds, so a script
/// hammering the API or a live page costs no lookup per request. Only credentials that checked out are
/// kept, so the cache holds at most the live ones. This process forgets a credential the moment it is
/// revoked here; another process sharing the database may accept it for at most <see cref="Lifetime"/>.
/// </summary>
internal sealed class RecentCredentials<TCredential>(IMemoryCache cache)
    where TCredential : class
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    public bool TryGet(string hash, [NotNullWhen(true)] out TCredential? credential)
    {
        credential = cache.Get(Key(hash)) as TCredential;
        return credential is not null;
    }

    /// <summary>Keeps a credential that checked out, unless it was revoked while it was being checked.</summary>
    public void Remember(string hash, TCredential credential)
    {
        if (!cache.TryGetValue(Key(hash), out var entry) || entry is not Revoked)
        {
            cache.Set(Key(hash), credential, Lifetime);
        }
    }

    /// <summary>Leaves a mark for as long as a check begun before the revocation could try to remember it.</summary>
    public void Forget(string hash) => cache.Set(Key(hash), Revoked.Mark, Lifetime);

    private static (Type, string) Key(string hash) => (typeof(TCredential), hash);

    private sealed class Revoked
    {
        public static readonly Revoked Mark = new();
    }
}

internal sealed record RecentToken(PersonSummary Person, ActorAccess Access, DateTimeOffset? ExpiresAt);
