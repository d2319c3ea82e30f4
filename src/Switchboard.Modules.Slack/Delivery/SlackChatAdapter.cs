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
/// post whose answer was lost (a time-out, a crash) is not posted twice.
/// </summary>
internal sealed class SlackChatAdapter(SwitchboardDbContext db, SlackWebApi slack, SlackMentions mentions, ILogger<SlackChatAdapter> logger) : IChatAdapter
{
    public const string MetadataEventType = "switchboard_delivery";

    /// <summary>How far back a retry looks for its message: the outbox keeps a channel's order, so it is among the latest.</summary>
    private const int LookBack = 100;

    public string Name => "slack";

    /// <summary>Bindings looked up in this scope: an event consumer asks for every message of a page, in one transaction.</summary>
    private readonly Dictionary<string, bool> _carried = [];

    // The outbox asks synchronously while it enqueues; the binding is one row by its key.
    public bool Carries(string channel)
    {
        if (!_carried.TryGetValue(channel, out var carried))
        {
            carried = db.Set<SlackChannelBinding>().AsNoTracking().Any(b => b.Channel == channel);
            _carried[channel] = carried;
        }

        return carried;
    }

    public async Task<DeliveryResult> DeliverAsync(ChatDelivery delivery, CancellationToken cancellationToken)
    {
        var binding = await db.Set<SlackChannelBinding>().AsNoTracking().SingleOrDefaultAsync(b => b.Channel == delivery.Channel, cancellationToken);
        if (binding is null)
        {
            return DeliveryResult.Failed($"#{delivery.Channel} is no longer bound to a Slack channel.");
        }

        var message = BlockKitRenderer.Render(delivery.Message, await mentions.ForAsync(delivery.Message, cancellationToken));
        if (delivery.Replacing is { } replacing)
        {
            // chat.update sets the whole message, so a repeat after a lost answer changes nothing.
            var updated = await slack.UpdateMessageAsync(binding.SlackChannelId, replacing, message, cancellationToken);
            return updated.IsSuccess ? DeliveryResult.Delivered(replacing) : Outcome(updated, binding);
        }

        if (delivery.Attempt > 1)
        {
            var earlier = await FindEarlierPostAsync(binding.SlackChannelId, delivery, cancellationToken);
            if (earlier.Result is { } undecided)
            {
                return undecided;
            }

            if (earlier.Ts is { } ts)
            {
                logger.FoundAlreadyPosted(delivery.DeliveryKey, delivery.Channel, binding.SlackChannelId, ts);
                return DeliveryResult.Delivered(ts);
            }
        }

        var metadata = new SlackMetadata(MetadataEventType, new JsonObject { ["delivery_key"] = delivery.DeliveryKey, ["channel"] = delivery.Channel });
        var posted = await slack.PostMessageAsync(binding.SlackChannelId, message, delivery.InThreadOf, metadata, cancellationToken);
        if (delivery.InThreadOf is { } thread && posted.SlackError == "thread_not_found")
        {
            // The thread began in a channel bound before, or was deleted: the message still belongs in the channel.
            logger.ThreadGone(thread, delivery.Channel, binding.SlackChannelId, delivery.DeliveryKey);
            posted = await slack.PostMessageAsync(binding.SlackChannelId, message, threadTs: null, metadata, cancellationToken);
        }

        return posted.IsSuccess ? DeliveryResult.Delivered(posted.Value!.Ts) : Outcome(posted, binding);
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
    private static DeliveryResult Outcome<T>(SlackAnswer<T> answer, SlackChannelBinding? binding)
    {
        var where = binding is null ? "" : $" (Slack #{binding.SlackChannelName}, {binding.SlackChannelId})";
        var reason = $"{answer.Error!.Code}{where}: {answer.Error.Detail}";
        return answer.Error.Code switch
        {
            "slack.channel-not-found" or "slack.not-in-channel" or "slack.message-not-found" or "slack.cant-update-message" or "slack.channel-archived" or "slack.missing-scope"
                or "slack.msg-too-long" or "slack.no-text" or "slack.invalid-blocks" or "slack.invalid-metadata" => DeliveryResult.Failed(reason),
            _ => DeliveryResult.RetryLater(reason, answer.RetryAfter),
        };
    }
}
