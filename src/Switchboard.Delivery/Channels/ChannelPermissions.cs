using Switchboard.Core.Commands;

namespace Switchboard.Delivery.Channels;

internal static class ChannelPermissions
{
    public static readonly Permission Read = Permission.Anyone("channels.read");
    public static readonly Permission Create = Permission.Anyone("channels.create");
    public static readonly Permission Post = Permission.Anyone("channels.post");
}
