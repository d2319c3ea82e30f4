using Microsoft.Extensions.Options;
using Switchboard.Core.People;
using Switchboard.Modules.Slack.Rendering;

namespace Switchboard.Modules.Slack.Delivery;

/// <summary>
/// People's inboxes (<c>@handle</c>) in Slack: a direct message from the app to the Slack account the person's link proves
/// theirs (by Slack, or vouched for by an administrator). A claimed account gets nothing: anyone can claim any Slack id.
/// </summary>
internal sealed class SlackInboxes(IPersonDirectory people, IOptions<SlackOptions> options)
{
    public static bool IsInbox(string channel) => channel.StartsWith('@');

    /// <summary>Without a bot token there is no one to send the direct message.</summary>
    public bool CanSend => options.Value.BotToken is { Length: > 0 };

    /// <returns>The Slack user id of the person whose inbox it is, most recently linked first; null when they have no proven account.</returns>
    public async Task<string?> SlackUserOfAsync(string inbox, CancellationToken cancellationToken)
    {
        if (await people.FindAsync(inbox, cancellationToken) is not { IsDisabled: false } person)
        {
            return null;
        }

        var accounts = await people.ProvenIdentitiesAsync(person.Id, SlackMentions.Service, cancellationToken);
        return accounts.Count == 0 ? null : accounts[0].Identity.ExternalId;
    }
}
