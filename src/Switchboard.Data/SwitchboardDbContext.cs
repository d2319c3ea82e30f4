using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Core.Modules;
using Switchboard.Core.People;
using Switchboard.Data.Database;

namespace Switchboard.Data;

/// <summary>
/// The one database model. Modules add their entity configurations through the module builder; their
/// entities stay internal, so a module reads only its own tables (<c>db.Set&lt;Deployment&gt;()</c>).
/// </summary>
public sealed class SwitchboardDbContext(DbContextOptions<SwitchboardDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SwitchboardDbContext).Assembly);
        foreach (var contribution in ModuleContributions())
        {
            modelBuilder.ApplyConfigurationsFromAssembly(contribution.Assembly);
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<PersonId>().HaveConversion<PersonIdConverter>();
        if (Database.IsSqlite())
        {
            // EF's SQLite provider stores DateTimeOffset as text it cannot compare or order;
            // Unix milliseconds order correctly on both providers' queries.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UnixMillisecondsConverter>();
        }
    }

    // Modules register their contributions in the application's container, which EF keeps
    // beside the options; the model is built once per set of them (ModuleModelCacheKeys).
    internal IEnumerable<EntityModelContribution> ModuleContributions() =>
        this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider
            ?.GetServices<EntityModelContribution>().DistinctBy(c => c.Assembly) ?? [];
}
