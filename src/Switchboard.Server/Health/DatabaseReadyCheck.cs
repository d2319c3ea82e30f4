using Microsoft.Extensions.Diagnostics.HealthChecks;
using Switchboard.Data.Database;

namespace Switchboard.Server.Health;

/// <summary>Ready means the database answers and its schema is the one this build knows.</summary>
internal sealed class DatabaseReadyCheck(DatabaseSchema schema) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var pending = await schema.PendingMigrationsAsync(cancellationToken);
            return pending.Count == 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"{pending.Count} migrations are not applied; run the migrate command.");
        }
        catch (System.Data.Common.DbException exception)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", exception);
        }
    }
}
