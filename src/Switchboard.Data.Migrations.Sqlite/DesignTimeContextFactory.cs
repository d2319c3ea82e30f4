using Microsoft.EntityFrameworkCore.Design;
using Switchboard.Data.Database;
using Switchboard.Delivery;
using Switchboard.EventLog;
using Switchboard.Modules.Deploy;
using Switchboard.Modules.Notify;
using Switchboard.Modules.Rolodex;
using Switchboard.Modules.Slack;
using Switchboard.Modules.Trust;

namespace Switchboard.Data.Migrations.Sqlite;

/// <summary>For <c>dotnet ef migrations add</c>: the whole model, on SQLite.</summary>
internal sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<SwitchboardDbContext>
{
    public SwitchboardDbContext CreateDbContext(string[] args) =>
        DesignTimeModel.CreateContext(
            new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = "Data Source=design-time.db" },
            typeof(RolodexModule).Assembly,
            typeof(DeliveryServices).Assembly,
            typeof(EventLogServices).Assembly,
            typeof(NotifyModule).Assembly,
            typeof(TrustModule).Assembly,
            typeof(SlackModule).Assembly,
            typeof(DeployModule).Assembly);
}
