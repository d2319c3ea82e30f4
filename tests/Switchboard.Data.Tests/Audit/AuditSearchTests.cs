using System.Net;
using System.Text.Json;
using Switchboard.Testing;

namespace Switchboard.Data.Tests.Audit;

/// <summary><c>audit search</c> and <c>audit export</c> over the real host: filters, who sees what, and what an export holds.</summary>
public abstract class AuditSearchTests(SwitchboardHost host)
{
    [Fact]
    public async Task FiltersByPersonAndOutcome()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var mallory = await host.AddPersonAsync("mallory", cancellationToken);
        await host.RunAsync(mallory, "person add eve@example.com --admin", cancellationToken);
        await host.RunAsync(mallory, "channel create mallorys-den", cancellationToken);

        var refused = await host.RunAsAdminAsync("audit search --person @mallory --outcome refused", cancellationToken);

        var line = Assert.Single(refused.Text!.Split('\n'));
        Assert.Contains("@mallory refused core.permission-denied: person add eve@example.com --admin=true", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FiltersByCommandAndTime()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("channel create long-ago", cancellationToken);
        host.Clock.Advance(TimeSpan.FromHours(3));
        await host.RunAsAdminAsync("channel create just-now", cancellationToken);
        await host.RunAsAdminAsync("team create just-now-team", cancellationToken);

        var recent = await host.RunAsAdminAsync("audit search --command \"channel create\" --since 1h", cancellationToken);

        var line = Assert.Single(recent.Text!.Split('\n'));
        Assert.EndsWith("succeeded: channel create #just-now", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SomeoneWhoIsNotAnAdministratorSeesOnlyTheirOwnEntries()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var trudy = await host.AddPersonAsync("trudy", cancellationToken);
        await host.RunAsync(trudy, "channel create trudys-corner", cancellationToken);
        await host.RunAsAdminAsync("channel create admins-only", cancellationToken);

        var own = await host.RunAsync(trudy, "audit search", cancellationToken);
        var others = await host.RunAsync(trudy, "audit search --person @admin", cancellationToken);

        Assert.True(own.IsSuccess, own.Detail);
        Assert.All(own.Text!.Split('\n'), l => Assert.Contains(" @trudy ", l, StringComparison.Ordinal));
        Assert.Contains("channel create #trudys-corner", own.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, others.Status);
        Assert.Equal("core.permission-denied", others.Code);
    }

    [Fact]
    public async Task AnUnknownOutcomeIsRefused()
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        var search = await host.RunAsync(host.Admin, "audit search --outcome maybe", cancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, search.Status);
        Assert.Equal("audit.invalid-outcome", search.Code);
    }

    [Fact]
    public async Task ExportLinesAreJsonWithTheirHashesAndNoSecret()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var token = ServiceTokens.GitHub();
        var stored = await host.RunAsync(host.Admin, "vault set github", cancellationToken, secret: token);
        await host.RunAsAdminAsync("team create exporters", cancellationToken);

        var export = await host.RunAsAdminAsync("audit export --since 1d", cancellationToken);

        Assert.True(stored.IsSuccess, stored.Detail);
        Assert.DoesNotContain(token, export.Body.GetRawText(), StringComparison.Ordinal);
        var lines = export.Text!.Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.All(lines, l => Assert.Equal(64, l.GetProperty("hash").GetString()!.Length));
        Assert.Equal(lines.Select(l => l.GetProperty("sequence").GetInt64()).Order(), lines.Select(l => l.GetProperty("sequence").GetInt64()));
        Assert.Contains(lines, l => l.GetProperty("detail").GetString()!.StartsWith("vault set github", StringComparison.Ordinal) && l.GetProperty("person").GetString() == "admin");
        Assert.Contains(lines, l => l.GetProperty("detail").GetString() == "team create exporters");
    }
}

public sealed class AuditSearchOnSqliteTests(SqliteHost host) : AuditSearchTests(host), IClassFixture<SqliteHost>;

public sealed class AuditSearchOnPostgresTests(PostgresHost host) : AuditSearchTests(host), IClassFixture<PostgresHost>;
