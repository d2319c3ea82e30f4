using System.Text.RegularExpressions;

namespace Switchboard.Delivery.Channels;

internal static partial class ChannelNames
{
    public static bool IsValid(string name) => Pattern().IsMatch(name);

    public static string InboxOf(string handle) => "@" + handle;

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,79}$")]
    private static partial Regex Pattern();
}
