using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Core.Audit;
using Switchboard.Core.Commands;
using Switchboard.Core.Modules;
using Switchboard.Data.Audit;
using Switchboard.Data.Audit.ExportAudit;
using Switchboard.Data.Audit.PublishAuditHead;
using Switchboard.Data.Audit.SearchAudit;
using Switchboard.Data.Audit.TailAudit;
using Switchboard.Data.Audit.VerifyAudit;
using Switchboard.Data.Database;
using Switchboard.Data.Idempotency;

namespace Switchboard.Data;

public static class DataServices
{
    public const string SqliteMigrationsAssembly = "Switchboard.Data.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "Switchboard.Data.Migrations.Postgres";

    /// <summary>
    /// The database (SQLite by default, PostgreSQL when <c>Database:Provider</c> says so), the audit
    /// log, idempotency records and the <c>audit</c> commands.
    /// </summary>
    public static IServiceCollection AddSwitchboardData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.SectionName))
            .Configure(options =>
            {
                options.ConnectionString ??= configuration.GetConnectionString("Switchboard");
                options.DataDirectory = configuration["Switchboard:DataDirectory"] ?? options.DataDirectory;
            })
            .ValidateDataAnnotations()
            .Validate(
                options => options.Provider != DatabaseProvider.Postgres || !string.IsNullOrWhiteSpace(options.ConnectionString),
                "Database:Provider is Postgres, so ConnectionStrings:Switchboard must name the server.")
            .ValidateOnStart();

        services.AddOptions<DispatchOptions>().Bind(configuration.GetSection(DispatchOptions.SectionName));

        // Pooled contexts skip most of a context's set-up on every request; the scoped context that
        // handlers take is leased from the same pool and returned when the request's scope ends.
        services.AddPooledDbContextFactory<SwitchboardDbContext>(ConfigureProvider);
        services.AddScoped(LeaseContext);
        services.AddSingleton<DatabaseSchema>();
        services.AddOptions<AuditOptions>().Bind(configuration.GetSection(AuditOptions.SectionName))
            .Validate(
                options => options.HeadWebhook is null || (options.HeadWebhook.IsAbsoluteUri && options.HeadWebhook.Scheme is "http" or "https"),
                "Audit:HeadWebhook must be an absolute http(s) URL.")
            .ValidateOnStart();
        services.AddSingleton<AuditHeadPublisher>();
        services.AddScoped<AuditFilter>();
        services.AddHttpClient(AuditHeadPublisher.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<IAuditLog, BatchingAuditLog>();
        services.AddSingleton<IIdempotencyStore, DatabaseIdempotencyStore>();

        services.AddSwitchboardModule(name: "audit", owningTeam: "platform")
            .AddCommand<TailAuditCommand>()
            .AddCommand<VerifyAuditCommand>()
            .AddCommand<SearchAuditCommand>()
            .AddCommand<ExportAuditCommand>();

        return services;
    }

    /// <summary>Configures a context for a provider: shared by the host and the migrations' design-time factories.</summary>
    public static DbContextOptionsBuilder UseSwitchboardDatabase(this DbContextOptionsBuilder options, DatabaseOptions database) =>
        (database.Provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(database.SqliteConnectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly))
                .AddInterceptors(SqliteConnectionSetup.Instance),
            DatabaseProvider.Postgres => options.UseNpgsql(database.ConnectionString, npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly)),
        }).UseSnakeCaseNamingConvention()
        .ReplaceService<IModelCacheKeyFactory, ModuleModelCacheKeys>();

    private static SwitchboardDbContext LeaseContext(IServiceProvider services) =>
        services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>().CreateDbContext();

    private static void ConfigureProvider(IServiceProvider services, DbContextOptionsBuilder options) =>
        options.UseSwitchboardDatabase(services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value);
}
