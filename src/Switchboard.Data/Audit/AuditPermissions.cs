using Switchboard.Core.Commands;

namespace Switchboard.Data.Audit;

internal static class AuditPermissions
{
    public static readonly Permission Read = Permission.AdminsOnly("audit.read");

    /// <summary>Searching and exporting one's own entries: what was done in one's name is no secret from oneself.</summary>
    public static readonly Permission ReadOwn = Permission.Anyone("audit.read-own");

    public static readonly PermissionPolicy Search = PermissionPolicy.FromArguments<AuditFilterArguments>(
        ReadOwn, a => a.Person is null ? ReadOwn : Read);
}
