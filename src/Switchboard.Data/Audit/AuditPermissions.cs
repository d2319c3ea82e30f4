using Switchboard.Core.Commands;

namespace Switchboard.Data.Audit;

internal static class AuditPermissions
{
    public static readonly Permission Read = Permission.AdminsOnly("audit.read");
}
