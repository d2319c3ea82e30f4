using System.Net;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Api;

/// <summary>Broken infrastructure is a 500 with a trace id to quote, and nothing of the exception.</summary>
public sealed class BrokenDatabaseTests(SqliteHost host) : IClassFixture<SqliteHost>
{
    [Fact]
    public async Task AMissingTableGivesAnInternalErrorWithATraceIdAndNoDetails()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.ExecuteSqlAsync("DROP TABLE rolodex_memberships; DROP TABLE rolodex_teams;", cancellationToken);

        var outcome = await host.RunAsync(host.Admin, "team list", cancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, outcome.Status);
        Assert.Equal("api.internal-error", outcome.Code);
        Assert.False(string.IsNullOrWhiteSpace(outcome.Body.GetProperty("traceId").GetString()));
        Assert.DoesNotContain("rolodex_teams", outcome.Body.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", outcome.Body.ToString(), StringComparison.Ordinal);
    }
}
