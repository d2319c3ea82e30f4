using System.Globalization;
using Switchboard.Core.Chat;
using Switchboard.Core.Replies;
using Switchboard.Data;
using Switchboard.Delivery.Outbox;

namespace Switchboard.Delivery.Channels;

/// <summary>Delivers to the built-in channels: a row in <c>delivery_channel_messages</c>, in the dispatcher's transaction.</summary>
internal sealed class BuiltInChannelAdapter(SwitchboardDbContext db, KnownChannels channels, ChannelActivity activity, TimeProvider clock) : IDatabaseChatAdapter
{
    public string Name => "builtin";

    /// <summary>Every shared channel: callers check that it exists before they enqueue.</summary>
    public bool Carries(string channel) => true;

    public async Task<DeliveryResult> DeliverAsync(ChatDelivery delivery, CancellationToken cancellationToken)
    {
        if (await channels.IdOfAsync(db, delivery.Channel, cancellationToken) is not { } id)
        {
            return DeliveryResult.Failed($"There is no channel #{delivery.Channel}.");
        }

        var message = new ChannelMessage
        {
            ChannelId = id,
            Text = PlainTextRenderer.Render(delivery.Message),
            ReplyJson = ReplyJson.Serialize(delivery.Message),
            PostedAt = clock.GetUtcNow(),
            ThreadOf = long.TryParse(delivery.InThreadOf, NumberStyles.None, CultureInfo.InvariantCulture, out var parent) ? parent : null,
        };
        db.Add(message);
        await db.SaveChangesAsync(cancellationToken);
        return DeliveryResult.Delivered(message.Id.ToString(CultureInfo.InvariantCulture));
    }

    public void Committed() => activity.Posted();
}
