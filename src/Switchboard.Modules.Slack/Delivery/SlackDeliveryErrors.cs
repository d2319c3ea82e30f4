using Switchboard.Core.Errors;

namespace Switchboard.Modules.Slack.Delivery;

internal static class SlackDeliveryErrors
{
    public static Error UnknownChannel(string channel) =>
        Error.NotFound("slack.unknown-channel", $"There is no channel #{channel} in Switchboard; 'channel list' shows them all.");

    public static Error NotASlackTarget(string target) =>
        Error.Invalid("slack.invalid-target", $"'{target}' names no Slack channel: write slack:C0123ABC (its id) or slack:#name.");

    public static Error NoSuchSlackChannel(string name) =>
        Error.NotFound("slack.channel-not-found", $"Switchboard sees no Slack channel named #{name}. Check the name, or invite the Switchboard app to the private channel.");

    public static Error SlackChannelArchived(string name) =>
        Error.Conflict("slack.channel-archived", $"The Slack channel #{name} is archived. Unarchive it, or bind another channel.");

    public static Error NotInSlackChannel(string name) =>
        Error.Forbidden("slack.not-in-channel", $"The Switchboard app is not a member of the Slack channel #{name}. Invite it there with `/invite @Switchboard`, then bind again.");
}
