using Switchboard.Core.Commands;

namespace Switchboard.Modules.Paging;

/// <summary>
/// Anyone may use paging's commands: each acts as the person on PagerDuty, which decides what their account may see
/// and do there, and a person without a proven PagerDuty account can do nothing in its name.
/// </summary>
internal static class PagingPermissions
{
    public static readonly Permission Read = Permission.Anyone("paging.read");
    public static readonly Permission Respond = Permission.Anyone("paging.respond");
    public static readonly Permission Page = Permission.Anyone("paging.page");
}
