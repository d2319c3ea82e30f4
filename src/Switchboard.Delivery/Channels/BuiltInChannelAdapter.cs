using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Chat;
using Switchboard.Core.Replies;
using Switchboard.Data;
using Switchboard.Data.Database;
using Switchboard.Delivery.Outbox;

namespace Switchboard.Delivery.Channels;

/// <summary>
/// Delivers to the built-in channels and inboxes: a row in <c>delivery_channel_messages</c>, in the dispatcher's transaction; a
/// live message's new version rewrites its row and marks it edited.
/// </summary>
internal sealed class BuiltInChannelAdapter(
    SwitchboardDbContext db, KnownChannels channels, Inboxes inboxes, ChannelActivity activity, TimeProvider clock) : IDatabaseChatAdapter
{
    public string Name => "builtin";

    /// <summary>Every shared channel: callers check that it exists before they enqueue.</summary>
    public ValueTask<bool> CarriesAsync(string channel, CancellationToken cancellationToken) => ValueTask.FromResult(true);

    public async Task<DeliveryResult> DeliverAsync(ChatDelivery delivery, CancellationToken cancellationToken)
    {
        var id = delivery.Channel.StartsWith('@')
            ? await inboxes.IdOfAsync(delivery.Channel, cancellationToken)
            : await channels.IdOfAsync(db, delivery.Channel, cancellationToken);
        if (id is not { } channelId)
        {
            return DeliveryResult.Failed($"There is no channel #{delivery.Channel}.");
        }

        if (delivery.Replacing is { } replacing && await EarlierAsync(channelId, replacing, cancellationToken) is { } earlier)
        {
            earlier.Text = PlainTextRenderer.Render(delivery.Message);
            earlier.ReplyJson = ReplyJson.Serialize(delivery.Message);
            earlier.EditedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            return DeliveryResult.Delivered(replacing);
        }

        var message = new ChannelMessage
        {
            ChannelId = channelId,
            Text = PlainTextRenderer.Render(delivery.Message),
            ReplyJson = ReplyJson.Serialize(delivery.Message),
            PostedAt = clock.GetUtcNow(),
            ThreadOf = long.TryParse(delivery.InThreadOf, NumberStyles.None, CultureInfo.InvariantCulture, out var parent) ? parent : null,
        };
        var messageId = await db.InsertReturningKeyAsync(message, cancellationToken);
        return DeliveryResult.Delivered(messageId.ToString(CultureInfo.InvariantCulture));
    }

    private async Task<ChannelMessage?> EarlierAsync(Guid channelId, string reference, CancellationToken cancellationToken) =>
        long.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? await db.Set<ChannelMessage>().SingleOrDefaultAsync(m => m.Id == id && m.ChannelId == channelId, cancellationToken)
            : null;

    public void Committed() => activity.Posted();
}
