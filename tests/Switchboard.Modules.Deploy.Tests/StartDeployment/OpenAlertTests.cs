using System.Diagnostics;
using System.Net;
using System.Text;
using Switchboard.Testing;

namespace Switchboard.Modules.Deploy.Tests.StartDeployment;

/// <summary>
/// An alert open on the owning service, as the service timeline knows it from a webhook, stops deploys until it is
/// resolved; a rollback, which is what an alert calls for, still goes.
/// </summary>
public sealed class OpenAlertTests(DeploySqliteHost host) : IClassFixture<DeploySqliteHost>
{
    [Fact]
    public async Task AnOpenAlertOnTheServiceStopsADeployUntilItIsResolvedButNotARollback()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await DeployHost.ArrangeCatalogAsync(host, cancellationToken);
        var nina = await DeployHost.MemberAsync(host, "alert-nina", cancellationToken);

        await PostAlertAsync("alert.triggered", "msg_alert_1", cancellationToken);
        var refused = await RefusedAsync(nina, "deploy.alert-open", cancellationToken);
        var rollback = await host.RunAsync(nina, "rollback api staging", cancellationToken);
        await DeployHost.EndedAsync(host, nina, DeployHost.NumberIn(rollback), cancellationToken);
        await PostAlertAsync("alert.resolved", "msg_alert_2", cancellationToken);
        var allowed = await RefusedAsync(nina, null, cancellationToken);
        await DeployHost.EndedAsync(host, nina, DeployHost.NumberIn(allowed), cancellationToken);

        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Equal("An alert is open on api: Checkout error rate above 5%. Deploy once it is resolved, or roll back with `rollback`.", refused.Detail);
        Assert.True(rollback.IsSuccess, rollback.Detail);
    }

    private async Task PostAlertAsync(string type, string id, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes($$"""{"type":"{{type}}","title":"Checkout error rate above 5%","service":"api","reference":"grafana-alert-8812"}""");
        using var response = await host.PostCustomAsync("alerts", body, id, DeployHost.AlertsSecret, cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"The alert was answered {response.StatusCode}");
    }

    /// <summary>Asks for a deploy until it is refused with this code (or, for null, goes ahead), or 20 s pass.</summary>
    private async Task<ApiOutcome> RefusedAsync(TestPerson person, string? code, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var outcome = await host.RunAsync(person, "deploy api to staging", cancellationToken);
            if (outcome.Code == code || waited.Elapsed > TimeSpan.FromSeconds(20))
            {
                return outcome;
            }

            if (outcome.IsSuccess)
            {
                await DeployHost.EndedAsync(host, person, DeployHost.NumberIn(outcome), cancellationToken);
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
