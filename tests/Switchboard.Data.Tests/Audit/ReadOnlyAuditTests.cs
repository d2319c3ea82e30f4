using Switchboard.Testing;

namespace Switchboard.Data.Tests.Audit;

public sealed class ReadOnlyAuditTests
{
    public sealed class ByDefault(SqliteHost host) : IClassFixture<SqliteHost>
    {
        [Fact]
        public async Task AReadOnlyCommandIsNotAudited()
        {
            var cancellationToken = TestContext.Current.CancellationToken;

            await host.RunAsAdminAsync("team list", cancellationToken);
            var tail = await host.RunAsAdminAsync("audit tail --count 200", cancellationToken);

            Assert.DoesNotContain("team list", tail.Text, StringComparison.Ordinal);
        }
    }

    public sealed class WhenTheSettingIsOn(AuditingReadsHost host) : IClassFixture<AuditingReadsHost>
    {
        [Fact]
        public async Task AReadOnlyCommandIsAudited()
        {
            var cancellationToken = TestContext.Current.CancellationToken;

            await host.RunAsAdminAsync("team list", cancellationToken);
            var tail = await host.RunAsAdminAsync("audit tail --count 200", cancellationToken);

            Assert.Contains("succeeded: team list", tail.Text, StringComparison.Ordinal);
        }
    }

    public sealed class AuditingReadsHost : SqliteHost
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } =
            new Dictionary<string, string> { ["Audit:AuditReadOnlyCommands"] = "true" };
    }
}
