using Switchboard.Core.Commands;

namespace Switchboard.Core.Help;

internal static class CorePermissions
{
    public static readonly Permission Help = Permission.Anyone("core.help");
}
