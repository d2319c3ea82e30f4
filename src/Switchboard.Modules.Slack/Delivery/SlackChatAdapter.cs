using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Switchboard.Core.Chat;
using Switchboard.Data;
using Switchboard.Modules.Slack.Rendering;
using Switchboard.Modules.Slack.WebApi;

namespace Switchboard.Modules.Slack.Delivery;

/// <summary>
/// Delivers the messages of bound channels to Slack, one attempt at a time, for the outbox. <c>chat.postMessage</c>
/// takes no idempotency key, so each message carries its delivery key in Slack message metadata; on any attempt after
/// the first, the adapter looks for that key in the channel's recent messages (or the thread's) before posting, so a
/// post whose answer was lost (a time-out, a crash) is not posted twice. A person's inbox is carried too when their Slack
/// account is proven, as a direct message from the app (<see cref="SlackInboxes"/>), so everything Switchboard sends them
/// personally, live messages included, reaches them in Slack the same way.
/// </summary>
internal sealed class SlackChatAdapter(
    SwitchboardDbContext db,
    SlackWebApi slack,
    SlackDirectory directory,
    SlackMentions mentions,
    SlackInboxes inboxes,
    ILogger<SlackChatAdapter> logger) : IChatAdapter
{
    public const string MetadataEventType = "switchboard_delivery";

    /// <summary>How far back a retry looks for its message: the outbox keeps a channel's order, so it is among the latest.</summary>
    private const int LookBack = 100;

    public string Name => "slack";

    /// <summary>
    /// Slack takes about one message a second in a channel, allowing short bursts: https://docs.slack.dev/apis/web-api/rate-limits#special
    /// </summary>
    public TimeSpan Pace => TimeSpan.FromSeconds(1);

    /// <summary>Bindings and inboxes looked up in this scope: an event consumer asks for every message of a page, in one transaction.</summary>
    private readonly Dictionary<string, bool> _carried = [];

    public async ValueTask<bool> CarriesAsync(string channel, CancellationToken cancellationToken)
    {
        if (!_carried.TryGetValue(channel, out var carried))
        {
            carried = SlackInboxes.IsInbox(channel)
                ? inboxes.CanSend && await inboxes.SlackUserOfAsync(channel, cancellationToken) is not null
                : await db.Set<SlackChannelBinding>().AsNoTracking().AnyAsync(b => b.Channel == channel, cancellationToken);
            _carried[channel] = carried;
        }

        return carried;
    }

    public async Task<DeliveryResult> DeliverAsync(ChatDelivery delivery, CancellationToken cancellationToken)
    {
        var (destination, refused) = await DestinationAsync(delivery.Channel, cancellationToken);
        if (destination is null)
        {
            return refused!;
        }

        var message = BlockKitRenderer.Render(delivery.Message, await mentions.ForAsync(delivery.Message, cancellationToken));
        if (delivery.Replacing is { } replacing)
        {
            // chat.update sets the whole message, so a repeat after a lost answer changes nothing.
            var updated = await slack.UpdateMessageAsync(destination.SlackChannelId, replacing, message, cancellationToken);
            return updated.IsSuccess ? DeliveryResult.Delivered(replacing) : Outcome(updated, destination.Description);
        }

        if (delivery.Attempt > 1)
        {
            var earlier = await FindEarlierPostAsync(destination.SlackChannelId, delivery, cancellationToken);
            if (earlier.Result is { } undecided)
            {
                return undecided;
            }

            if (earlier.Ts is { } ts)
            {
                logger.FoundAlreadyPosted(delivery.DeliveryKey, delivery.Channel, destination.SlackChannelId, ts);
                return DeliveryResult.Delivered(ts);
            }
        }

        var metadata = new SlackMetadata(MetadataEventType, new JsonObject { ["delivery_key"] = delivery.DeliveryKey, ["channel"] = delivery.Channel });
        var posted = await slack.PostMessageAsync(destination.SlackChannelId, message, delivery.InThreadOf, metadata, cancellationToken);
        if (delivery.InThreadOf is { } thread && posted.SlackError == "thread_not_found")
        {
            // The thread began in a channel bound before, or was deleted: the message still belongs in the channel.
            logger.ThreadGone(thread, delivery.Channel, destination.SlackChannelId, delivery.DeliveryKey);
            posted = await slack.PostMessageAsync(destination.SlackChannelId, message, threadTs: null, metadata, cancellationToken);
        }

        return posted.IsSuccess ? DeliveryResult.Delivered(posted.Value!.Ts) : Outcome(posted, destination.Description);
    }

    /// <summary>
    /// The Slack channel a channel's messages go to: its binding's, or for an inbox the direct message with the person's
    /// proven account, which <c>conversations.open</c> answers the same on every call (so it is kept a while); or why there is none.
    /// </summary>
    private async Task<(SlackDestination? Destination, DeliveryResult? Refused)> DestinationAsync(string channel, CancellationToken cancellationToken)
    {
        if (!SlackInboxes.IsInbox(channel))
        {
            var binding = await db.Set<SlackChannelBinding>().AsNoTracking().SingleOrDefaultAsync(b => b.Channel == channel, cancellationToken);
            return binding is null
                ? (null, DeliveryResult.Failed($"#{channel} is no longer bound to a Slack channel."))
                : (new SlackDestination(binding.SlackChannelId, $"Slack #{binding.SlackChannelName}, {binding.SlackChannelId}"), null);
        }

        if (await inboxes.SlackUserOfAsync(channel, cancellationToken) is not { } user)
        {
            return (null, DeliveryResult.Failed($"{channel} no longer has a proven Slack account."));
        }

        var opened = await directory.DirectMessageWithAsync(user, cancellationToken);
        return opened.IsSuccess
            ? (new SlackDestination(opened.Value!, $"Slack direct message with {user}, {opened.Value}"), null)
            : (null, Outcome(opened, $"Slack user {user}"));
    }

    /// <returns>The earlier post's <c>ts</c>; or a result to answer now when Slack could not be asked.</returns>
    private async Task<(string? Ts, DeliveryResult? Result)> FindEarlierPostAsync(string slackChannelId, ChatDelivery delivery, CancellationToken cancellationToken)
    {
        var recent = delivery.InThreadOf is { } thread
            ? await slack.RepliesAsync(slackChannelId, thread, LookBack, cursor: null, cancellationToken)
            : await slack.HistoryAsync(slackChannelId, LookBack, cursor: null, cancellationToken);
        if (!recent.IsSuccess)
        {
            // A thread that is gone holds no earlier post; the post below starts the message on its own.
            return recent.SlackError == "thread_not_found" ? (null, null) : (null, Outcome(recent, null));
        }

        var earlier = recent.Value!.Items.FirstOrDefault(m =>
            m.Metadata is { EventType: MetadataEventType } metadata
            && metadata.EventPayload["delivery_key"]?.GetValue<string>() == delivery.DeliveryKey);
        return (earlier?.Ts, null);
    }

    /// <summary>
    /// What a refusal means for the outbox: wait and retry (rate limits, Slack away, a token an operator can fix) or give
    /// up on this message with a reason an operator can act on (the channel is gone, the app was removed, the message
    /// can never fit).
    /// </summary>
    /// <param name="where">Where it went, for the operator who reads the dead letter.</param>
    private static DeliveryResult Outcome<T>(SlackAnswer<T> answer, string? where)
    {
        var reason = $"{answer.Error!.Code}{(where is null ? "" : $" ({where})")}: {answer.Error.Detail}";
        return answer.Error.Code switch
        {
            "slack.channel-not-found" or "slack.not-in-channel" or "slack.message-not-found" or "slack.cant-update-message" or "slack.channel-archived" or "slack.missing-scope"
                or "slack.msg-too-long" or "slack.no-text" or "slack.invalid-blocks" or "slack.invalid-metadata" or "slack.user-not-found" => DeliveryResult.Failed(reason),
            _ => DeliveryResult.RetryLater(reason, answer.RetryAfter),
        };
    }

    /// <param name="Description">Where it is, for the operator who reads a dead letter.</param>
    private sealed record SlackDestination(string SlackChannelId, string Description);
}
