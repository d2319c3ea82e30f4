using Switchboard.Core.Replies;

namespace Switchboard.Core.Chat;

/// <summary>
/// A chat that Switchboard posts to: the built-in channels, a bridged webhook, Slack. The outbox calls
/// it with one message for one channel at a time, in that channel's order, and never with two messages
/// of one channel at once. The outbox owns retries, backoff and dead letters: an adapter makes one
/// attempt and answers what happened, it never sleeps or retries by itself.
/// </summary>
public interface IChatAdapter
{
    /// <summary>
    /// Lower case and stable (<c>builtin</c>, <c>webhook</c>, <c>slack</c>): the outbox keeps one ordered
    /// stream per channel and adapter, and remembers each thread's first message under it.
    /// </summary>
    string Name { get; }

    /// <summary>
    /// The least time between two new messages of one channel through this adapter (Slack asks for about one a second);
    /// the outbox waits it out, in real time, before each post of a stream. An update in place is not paced.
    /// </summary>
    TimeSpan Pace => TimeSpan.Zero;

    /// <summary>Whether this adapter delivers the channel's messages: the built-in chat carries every channel, a bridge those configured.</summary>
    ValueTask<bool> CarriesAsync(string channel, CancellationToken cancellationToken);

    /// <summary>
    /// One attempt to deliver. An exception counts as <see cref="DeliveryOutcome.RetryLater"/> with its
    /// message, so a bug or a broken connection delays a message but never loses it.
    /// </summary>
    Task<DeliveryResult> DeliverAsync(ChatDelivery delivery, CancellationToken cancellationToken);
}

/// <param name="Channel">Switchboard's name for the channel, lower case without <c>#</c>; the adapter maps it to its own destination.</param>
/// <param name="Message">The portable message, for the adapter to render (Block Kit, HTML, plain text).</param>
/// <param name="InThreadOf">
/// Post as a reply under this message: the reference this adapter answered for the first message of
/// the thread (Slack's <c>thread_ts</c>). Null for a message of its own. An adapter without threads
/// posts the message as a new one.
/// </param>
/// <param name="DeliveryKey">
/// The same on every attempt and unique to this delivery: a chat that can keep it beside the message
/// (Slack's message metadata) lets the adapter find a message it posted before a crash instead of
/// posting it twice.
/// </param>
/// <param name="Attempt">1 for the first attempt.</param>
/// <param name="Replacing">
/// Replace this earlier message in place (a live message: an incident, a deployment, as it changes): the
/// reference this adapter answered for it. An adapter that cannot edit posts the message as a new one.
/// </param>
public sealed record ChatDelivery(string Channel, Reply Message, string? InThreadOf, string DeliveryKey, int Attempt, string? Replacing = null);

public enum DeliveryOutcome
{
    /// <summary>The chat has the message.</summary>
    Delivered,

    /// <summary>Not now (unavailable, timed out, rate limited); the outbox tries again, no sooner than any <c>Retry-After</c>.</summary>
    RetryLater,

    /// <summary>It never will (no such channel, refused as invalid); the outbox dead-letters it with the reason and moves on.</summary>
    Failed,
}

/// <summary>What one attempt came to; made by <see cref="Delivered"/>, <see cref="RetryLater"/> or <see cref="Failed"/>.</summary>
public sealed record DeliveryResult
{
    private DeliveryResult(DeliveryOutcome outcome, string? reference, string? reason, TimeSpan? retryAfter)
    {
        Outcome = outcome;
        Reference = reference;
        Reason = reason;
        RetryAfter = retryAfter;
    }

    public DeliveryOutcome Outcome { get; }

    /// <summary>
    /// The chat's id for the delivered message (Slack's <c>ts</c>, a built-in message id): a later
    /// follow-up is posted in its thread, and an update (<c>chat.update</c>) names it. Null when the chat gives none.
    /// </summary>
    public string? Reference { get; }

    /// <summary>Why it was not delivered, for the operator who reads the dead letters; never message text or secrets.</summary>
    public string? Reason { get; }

    /// <summary>The chat's own word on when to try again (<c>Retry-After</c>); the outbox waits at least this long.</summary>
    public TimeSpan? RetryAfter { get; }

    public static DeliveryResult Delivered(string? reference) => new(DeliveryOutcome.Delivered, reference, null, null);

    public static DeliveryResult RetryLater(string reason, TimeSpan? retryAfter = null) => new(DeliveryOutcome.RetryLater, null, reason, retryAfter);

    public static DeliveryResult Failed(string reason) => new(DeliveryOutcome.Failed, null, reason, null);
}
