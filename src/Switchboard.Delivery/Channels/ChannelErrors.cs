using Switchboard.Core.Errors;

namespace Switchboard.Delivery.Channels;

internal static class ChannelErrors
{
    public static Error UnknownChannel(string name) =>
        Error.NotFound("channels.unknown-channel", $"There is no channel '{name}'; 'channel list' shows them all.");

    public static Error PrivateInbox(string name) =>
        Error.Forbidden("channels.private-inbox", $"{name} is someone else's inbox; only they can read it.");

    public static Error InvalidName(string name) =>
        Error.Invalid("channels.invalid-name", $"'{name}' is not a channel name: use lower-case letters, digits, '-' or '_', at most 80, and not '{ChannelNames.OwnInbox}'.");

    public static Error ChannelExists(string name) =>
        Error.Conflict("channels.channel-exists", $"#{name} already exists.");

    public static Error UnknownPerson(string reference) =>
        Error.NotFound("channels.unknown-person", $"Nobody in the Rolodex is '{reference}', so there is no inbox to write to.");

    public static Error EmptyMessage() =>
        Error.Invalid("channels.empty-message", "There is nothing to say: add the text after the channel.");
}
