using System.Text.RegularExpressions;

namespace Switchboard.Delivery.Channels;

internal static partial class ChannelNames
{
    /// <summary>What <c>/api/channels/inbox</c> means: the reader's own inbox, so no channel may take the name.</summary>
    public const string OwnInbox = "inbox";

    public static bool IsValid(string name) => Pattern().IsMatch(name) && name != OwnInbox;

    public static string InboxOf(string handle) => "@" + handle;

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,79}$")]
    private static partial Regex Pattern();
}
