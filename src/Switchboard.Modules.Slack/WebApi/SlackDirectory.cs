using Microsoft.Extensions.Caching.Memory;

namespace Switchboard.Modules.Slack.WebApi;

/// <summary>
/// The Web API answers that hardly change, kept for a while so that a busy channel does not spend Slack's rate limits
/// on them: a person's account by e-mail address (for mentions) and the app's direct-message conversation with a person
/// (for inboxes; Slack answers the same id every time). Only answers are kept, never refusals, and whether a link is
/// proven is still asked of the Rolodex every time.
/// </summary>
internal sealed class SlackDirectory(SlackWebApi slack, IMemoryCache cache)
{
    private static readonly TimeSpan AccountLifetime = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan ConversationLifetime = TimeSpan.FromHours(1);

    public async Task<SlackAnswer<SlackUser>> UserByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var key = new AccountKey(email.ToLowerInvariant());
        if (cache.TryGetValue(key, out SlackUser? known))
        {
            return SlackAnswer<SlackUser>.Success(known!);
        }

        var found = await slack.LookupUserByEmailAsync(email, cancellationToken);
        if (found.Value is { } user)
        {
            cache.Set(key, user, AccountLifetime);
        }

        return found;
    }

    /// <summary>The direct-message conversation with <paramref name="user"/> (<c>D...</c>), opened if need be.</summary>
    public async Task<SlackAnswer<string>> DirectMessageWithAsync(string user, CancellationToken cancellationToken)
    {
        var key = new ConversationKey(user);
        if (cache.TryGetValue(key, out string? known))
        {
            return SlackAnswer<string>.Success(known!);
        }

        var opened = await slack.OpenDirectMessageAsync(user, cancellationToken);
        if (opened.Value is { } channel)
        {
            cache.Set(key, channel, new MemoryCacheEntryOptions { SlidingExpiration = ConversationLifetime });
        }

        return opened;
    }

    private sealed record AccountKey(string Email);

    private sealed record ConversationKey(string User);
}
