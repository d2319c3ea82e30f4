using Switchboard.Core.Errors;
using Switchboard.Core.People;
using Switchboard.Core.Replies;
using Switchboard.Delivery.Channels;

namespace Switchboard.Modules.Paging.Incidents;

/// <summary>
/// The one place paging posts: an incident's live message, one per incident in its owning service's channel and in
/// each assignee's inbox, replaced in place by every later state (built-in chat and Slack edit it; a bridge that
/// cannot edit posts anew).
/// </summary>
internal sealed class IncidentMessages(ChannelPosts channels)
{
    public Task<Error?> PostAsync(string channel, string incidentId, Reply card, CancellationToken cancellationToken) =>
        channels.PostLiveAsync(channel, card, KeyOf(incidentId), cancellationToken);

    public Task<Error?> PostToInboxAsync(PersonId person, string incidentId, Reply card, CancellationToken cancellationToken) =>
        channels.PostToInboxAsync(person, card, KeyOf(incidentId), cancellationToken);

    private static string KeyOf(string incidentId) => $"paging:incident:{incidentId}";
}
