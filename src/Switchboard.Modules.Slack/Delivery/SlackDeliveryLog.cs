using Microsoft.Extensions.Logging;
using Switchboard.Core.People;

namespace Switchboard.Modules.Slack.Delivery;

/// <summary>The Slack chat adapter's and its bindings' log messages, event ids 13100–13199. Message text and tokens are never logged.</summary>
internal static partial class SlackDeliveryLog
{
    [LoggerMessage(13100, LogLevel.Information, "Delivery {DeliveryKey} for #{Channel} was already in Slack channel {SlackChannelId} as {Ts}; not posted again")]
    public static partial void FoundAlreadyPosted(this ILogger logger, string deliveryKey, string channel, string slackChannelId, string ts);

    [LoggerMessage(13101, LogLevel.Information, "#{Channel} bound to Slack channel {SlackChannelId} by {PersonId}")]
    public static partial void Bound(this ILogger logger, string channel, string slackChannelId, PersonId personId);

    [LoggerMessage(13102, LogLevel.Information, "#{Channel} unbound from Slack channel {SlackChannelId} by {PersonId}")]
    public static partial void Unbound(this ILogger logger, string channel, string slackChannelId, PersonId personId);

    [LoggerMessage(13103, LogLevel.Information, "The thread {ThreadTs} of #{Channel} is gone from Slack channel {SlackChannelId}; posting delivery {DeliveryKey} as a message of its own")]
    public static partial void ThreadGone(this ILogger logger, string threadTs, string channel, string slackChannelId, string deliveryKey);
}
