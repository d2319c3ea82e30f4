using System.Net;
using Switchboard.Testing;

namespace Switchboard.Data.Tests.Audit;

/// <summary>The audit log over the real host: every change is chained, and tampering is found.</summary>
public abstract class AuditChainTests(SwitchboardHost host)
{
    [Fact]
    public async Task ConcurrentCommandsAllLandInOneUnbrokenChain()
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => host.RunAsAdminAsync($"channel create burst-{i}", cancellationToken)));
        var verify = await host.RunAsAdminAsync("audit verify", cancellationToken);
        var tail = await host.RunAsAdminAsync("audit tail --count 200", cancellationToken);

        Assert.Contains("The audit chain holds", verify.Text, StringComparison.Ordinal);
        Assert.Equal(40, tail.Text!.Split('\n').Count(line => line.Contains("channel create #burst-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ARefusalIsAuditedWithItsCode()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var outsider = await host.AddPersonAsync("outsider", cancellationToken);

        await host.RunAsync(outsider, "person add mallory@example.com --admin", cancellationToken);
        var tail = await host.RunAsAdminAsync("audit tail --count 200", cancellationToken);

        Assert.Contains(
            tail.Text!.Split('\n'),
            line => line.Contains("refused core.permission-denied: person add mallory@example.com --admin=true", StringComparison.Ordinal));
    }
}

public sealed class AuditChainOnSqliteTests(SqliteHost host) : AuditChainTests(host), IClassFixture<SqliteHost>;

public sealed class AuditChainOnPostgresTests(PostgresHost host) : AuditChainTests(host), IClassFixture<PostgresHost>;

/// <summary>Tampering breaks the chain for good, so each kind of tampering gets a database of its own.</summary>
public abstract class AuditEntryChangeTests(SwitchboardHost host)
{
    [Fact]
    public async Task ChangingAnEntryBreaksTheChainAtThatEntry()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("team create auditors", cancellationToken);
        await host.RunAsAdminAsync("team create reviewers", cancellationToken);

        await host.ExecuteSqlAsync(
            "UPDATE core_audit_entries SET detail = 'team create innocent' WHERE detail = 'team create auditors'", cancellationToken);
        var verify = await host.RunAsync(host.Admin, "audit verify", cancellationToken);
        var tampered = await host.RunAsync(host.Admin, "audit tail --count 200", cancellationToken);

        Assert.Equal(HttpStatusCode.Conflict, verify.Status);
        Assert.Equal("audit.chain-broken", verify.Code);
        var sequence = tampered.Text!.Split('\n').Single(l => l.EndsWith("team create innocent", StringComparison.Ordinal)).Split(' ')[0];
        Assert.Contains($"Entry {sequence} was changed", verify.Detail, StringComparison.Ordinal);
    }
}

public sealed class AuditEntryChangeOnSqliteTests(SqliteHost host) : AuditEntryChangeTests(host), IClassFixture<SqliteHost>;

public sealed class AuditEntryChangeOnPostgresTests(PostgresHost host) : AuditEntryChangeTests(host), IClassFixture<PostgresHost>;

public abstract class AuditEntryDeletionTests(SwitchboardHost host)
{
    [Fact]
    public async Task DeletingAnEntryLeavesAGapThatVerifyNames()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("team create deleters", cancellationToken);
        await host.RunAsAdminAsync("team create witnesses", cancellationToken);

        var deleted = AuditHeads.SequenceOf(await host.RunAsAdminAsync("audit search --command \"team create\" --limit 2", cancellationToken), "team create deleters");

        await host.ExecuteSqlAsync(
            "DELETE FROM core_audit_entries WHERE detail = 'team create deleters'", cancellationToken);
        var verify = await host.RunAsync(host.Admin, "audit verify", cancellationToken);

        Assert.Equal(HttpStatusCode.Conflict, verify.Status);
        Assert.Contains($"Entry #{deleted} is missing", verify.Detail, StringComparison.Ordinal);
    }
}

public sealed class AuditEntryDeletionOnSqliteTests(SqliteHost host) : AuditEntryDeletionTests(host), IClassFixture<SqliteHost>;

public sealed class AuditEntryDeletionOnPostgresTests(PostgresHost host) : AuditEntryDeletionTests(host), IClassFixture<PostgresHost>;
