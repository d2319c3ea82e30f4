using System.Diagnostics;
using System.Net;
using Switchboard.Testing;

namespace Switchboard.Data.Tests.Audit;

/// <summary>
/// Deleting the newest entries leaves a chain that holds by itself: only the head published outside the
/// database (the log line an operator copies into <c>--head</c>) shows it. One database per kind of tampering.
/// </summary>
public abstract class AuditNewestDeletionTests(SwitchboardHost host)
{
    [Fact]
    public async Task DeletingTheNewestEntriesIsFoundAgainstTheLoggedHead()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("team create keepers", cancellationToken);
        await host.RunAsAdminAsync("team create erased", cancellationToken);
        var head = AuditHeads.Newest(host);
        var holds = await host.RunAsync(host.Admin, $"audit verify --head {head}", cancellationToken);

        await host.ExecuteSqlAsync("DELETE FROM core_audit_entries WHERE detail = 'team create erased'", cancellationToken);
        var verify = await host.RunAsync(host.Admin, $"audit verify --head {head}", cancellationToken);
        var alone = await host.RunAsync(host.Admin, "audit verify", cancellationToken);

        Assert.Contains($"entry #{AuditHeads.SequenceOf(head)} is the published head", holds.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, verify.Status);
        Assert.Equal("audit.chain-broken", verify.Code);
        Assert.Contains($"Entry #{AuditHeads.SequenceOf(head)} is missing", verify.Detail, StringComparison.Ordinal);
        Assert.Contains("the newest entries were deleted", verify.Detail, StringComparison.Ordinal);
        Assert.True(alone.IsSuccess, "Without the published head, the shortened chain holds by itself.");
    }

    [Fact]
    public async Task AHeadThatIsNotSequenceColonHashIsRefused()
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        var verify = await host.RunAsync(host.Admin, "audit verify --head 12:not-a-hash", cancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, verify.Status);
        Assert.Equal("audit.invalid-head", verify.Code);
    }
}

public sealed class AuditNewestDeletionOnSqliteTests(SqliteHost host) : AuditNewestDeletionTests(host), IClassFixture<SqliteHost>;

public sealed class AuditNewestDeletionOnPostgresTests(PostgresHost host) : AuditNewestDeletionTests(host), IClassFixture<PostgresHost>;

public abstract class AuditReorderTests(SwitchboardHost host)
{
    [Fact]
    public async Task SwappingTwoEntriesBreaksTheChainAtTheFirstOfThem()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("team create first", cancellationToken);
        await host.RunAsAdminAsync("team create second", cancellationToken);
        var search = await host.RunAsAdminAsync("audit search --command \"team create\"", cancellationToken);
        var first = AuditHeads.SequenceOf(search, "team create first");
        var second = AuditHeads.SequenceOf(search, "team create second");

        await host.ExecuteSqlAsync($"UPDATE core_audit_entries SET sequence = -1 WHERE sequence = {first}", cancellationToken);
        await host.ExecuteSqlAsync($"UPDATE core_audit_entries SET sequence = {first} WHERE sequence = {second}", cancellationToken);
        await host.ExecuteSqlAsync($"UPDATE core_audit_entries SET sequence = {second} WHERE sequence = -1", cancellationToken);
        var verify = await host.RunAsync(host.Admin, "audit verify", cancellationToken);

        Assert.Equal(HttpStatusCode.Conflict, verify.Status);
        Assert.Equal("audit.chain-broken", verify.Code);
        Assert.Contains($"Entry #{first} does not follow", verify.Detail, StringComparison.Ordinal);
    }
}

public sealed class AuditReorderOnSqliteTests(SqliteHost host) : AuditReorderTests(host), IClassFixture<SqliteHost>;

public sealed class AuditReorderOnPostgresTests(PostgresHost host) : AuditReorderTests(host), IClassFixture<PostgresHost>;

/// <summary>The head file: replaced after every batch, and kept when the chain goes back, so the deletion stays visible.</summary>
public sealed class AuditHeadFileTests(AuditHeadFileTests.HeadFileHost host) : IClassFixture<AuditHeadFileTests.HeadFileHost>
{
    [Fact]
    public async Task DeletingTheNewestEntriesIsFoundEvenAfterMoreAreAppended()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("team create before", cancellationToken);
        await host.RunAsAdminAsync("team create vanishing", cancellationToken);
        var published = await File.ReadAllTextAsync(host.HeadFile, cancellationToken);

        await host.ExecuteSqlAsync("DELETE FROM core_audit_entries WHERE detail = 'team create vanishing'", cancellationToken);
        await host.RunAsAdminAsync("team create after", cancellationToken);
        await host.RunAsAdminAsync("team create later", cancellationToken);
        var verify = await host.RunAsync(host.Admin, "audit verify", cancellationToken);

        Assert.Equal(published, await File.ReadAllTextAsync(host.HeadFile, cancellationToken));
        Assert.Equal(HttpStatusCode.Conflict, verify.Status);
        Assert.Contains($"Entry #{AuditHeads.SequenceOf(published)} is not the one published as the chain's head", verify.Detail, StringComparison.Ordinal);
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Id.Id == 2104 && r.Message.Contains("The audit chain went back", StringComparison.Ordinal));
    }

    public sealed class HeadFileHost : SqliteHost
    {
        public string HeadFile => Path.Combine(DataDirectory, "audit-head");

        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["Audit:HeadFile"] = HeadFile };
    }
}

/// <summary>The head webhook: after every append batch, the newest head, as a message an incoming webhook takes.</summary>
public sealed class AuditHeadWebhookTests(AuditHeadWebhookTests.HeadWebhookHost host, WebhookReceiver receiver) : IClassFixture<AuditHeadWebhookTests.HeadWebhookHost>
{
    [Fact]
    public async Task TheNewestHeadIsPostedToTheWebhook()
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        await host.RunAsAdminAsync("team create witnessed", cancellationToken);

        var expected = "Audit chain head: " + AuditHeads.Newest(host);
        var waited = Stopwatch.StartNew();
        while (receiver.Accepted(HeadWebhookHost.Witness) is not [.., var last] || last != expected)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), $"The webhook did not get '{expected}' within 20 s.");
            await Task.Delay(100, cancellationToken);
        }
    }

    public sealed class HeadWebhookHost(WebhookReceiver receiver) : SqliteHost
    {
        public const string Witness = "audit-head";

        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["Audit:HeadWebhook"] = receiver.Url(Witness).ToString(),
        };
    }
}
