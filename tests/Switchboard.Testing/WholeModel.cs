using System.Reflection;
using Switchboard.Data;
using Switchboard.Data.Database;
using Switchboard.Delivery;
using Switchboard.EventLog;
using Switchboard.Modules.Deploy;
using Switchboard.Modules.Notify;
using Switchboard.Modules.Rolodex;
using Switchboard.Modules.Slack;
using Switchboard.Modules.Trust;

namespace Switchboard.Testing;

/// <summary>
/// A context over every assembly that adds entities, as the migrations' design-time factories list them: the one list
/// tests use, so that what they migrate matches the migrations' snapshot.
/// </summary>
public static class WholeModel
{
    private static readonly Assembly[] EntityAssemblies =
        [typeof(RolodexModule).Assembly, typeof(DeliveryServices).Assembly, typeof(EventLogServices).Assembly, typeof(NotifyModule).Assembly, typeof(TrustModule).Assembly, typeof(SlackModule).Assembly, typeof(DeployModule).Assembly];

    public static SwitchboardDbContext CreateContext(DatabaseOptions database) => DesignTimeModel.CreateContext(database, EntityAssemblies);
}
