using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Core.Modules;

namespace Switchboard.Data.Database;

/// <summary>Builds a context over the whole model outside a host, for the migrations' design-time factories.</summary>
public static class DesignTimeModel
{
    public static SwitchboardDbContext CreateContext(DatabaseOptions database, params IEnumerable<Assembly> entityAssemblies)
    {
        var services = new ServiceCollection();
        foreach (var assembly in entityAssemblies)
        {
            services.AddSingleton(new EntityModelContribution(assembly));
        }

        var options = new DbContextOptionsBuilder<SwitchboardDbContext>();
        options.UseSwitchboardDatabase(database).UseApplicationServiceProvider(services.BuildServiceProvider());
        return new SwitchboardDbContext(options.Options);
    }
}
