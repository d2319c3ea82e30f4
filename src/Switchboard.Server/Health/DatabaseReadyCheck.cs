using Microsoft.Extensions.Diagnostics.HealthChecks;
using Switchboard.Data.Database;

namespace Switchboard.Server.Health;

/// <summary>
/// Ready means the database answers. The schema was checked, or migrated, before the server started
/// listening, so the probe need not ask again.
/// </summary>
internal sealed class DatabaseReadyCheck(DatabaseSchema schema) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await schema.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The database does not answer.");
}
