using Switchboard.Core.Commands;

namespace Switchboard.Delivery.Outbox;

internal static class OutboxPermissions
{
    public static readonly Permission Read = Permission.AdminsOnly("deliveries.read");
    public static readonly Permission Retry = Permission.AdminsOnly("deliveries.retry");
}
