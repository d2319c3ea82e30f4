using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Switchboard.Testing;

namespace Switchboard.Modules.Trust.Tests.ReportSuspectActions;

/// <summary>Suspect actions reach the configured security channel with who, what and where, as its readers see them.</summary>
public sealed class ReportSuspectActionsTests(ReportSuspectActionsTests.SecurityChannelHost host) : IClassFixture<ReportSuspectActionsTests.SecurityChannelHost>
{
    [Fact]
    public async Task ALockoutIsPostedToTheSecurityChannel()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await CreateSecurityChannelAsync(cancellationToken);
        var mallory = await host.AddPersonAsync("feed-mallory", cancellationToken);
        var app = await Authenticators.EnrollAsync(host, mallory, cancellationToken);

        for (var i = 0; i < 5; i++)
        {
            await host.RunAsync(mallory, $"verify {app.WrongCodeAt(host.Clock.GetUtcNow())}", cancellationToken);
        }

        var message = await SecurityMessageAsync("factors.locked", "@feed-mallory", cancellationToken);
        Assert.Contains("5 wrong second-factor codes", message, StringComparison.Ordinal);
        Assert.Contains("api", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefusedCommandIsPostedToTheSecurityChannel()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await CreateSecurityChannelAsync(cancellationToken);
        var trudy = await host.AddPersonAsync("feed-trudy", cancellationToken);

        var refused = await host.RunAsync(trudy, "person add eve@example.com --admin", cancellationToken);

        Assert.Equal("core.permission-denied", refused.Code);
        var message = await SecurityMessageAsync("command.refused", "@feed-trudy", cancellationToken);
        Assert.Contains("person add eve@example.com --admin=true", message, StringComparison.Ordinal);
        Assert.Contains("api", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AVaultChangeIsPostedWithoutItsToken()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await CreateSecurityChannelAsync(cancellationToken);
        var bob = await host.AddPersonAsync("feed-bob", cancellationToken);
        var token = ServiceTokens.GitHub();

        var stored = await host.RunAsync(bob, "vault set github", cancellationToken, secret: token);

        Assert.True(stored.IsSuccess, stored.Detail);
        var message = await SecurityMessageAsync("vault.changed", "@feed-bob", cancellationToken);
        Assert.Contains("vault set github", message, StringComparison.Ordinal);
        Assert.DoesNotContain(token, message, StringComparison.Ordinal);
    }

    /// <summary>The operator's part: the channel named by <c>Trust:SecurityChannel</c> exists (the first test of the class makes it).</summary>
    private async Task CreateSecurityChannelAsync(CancellationToken cancellationToken)
    {
        var created = await host.RunAsync(host.Admin, "channel create security", cancellationToken);
        Assert.True(created.IsSuccess || created.Code == "channels.channel-exists", $"{created.Code}: {created.Detail}");
    }

    /// <summary>The security channel's message of this kind about this person, as the channel's readers get it once it is posted.</summary>
    private async Task<string> SecurityMessageAsync(string kind, string who, CancellationToken cancellationToken)
    {
        using var client = host.ApiClient(host.Admin);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var messages = await client.GetFromJsonAsync<JsonElement>("/api/channels/security/messages", cancellationToken);
            var text = messages.EnumerateArray().Select(m => m.GetProperty("text").GetString()!)
                .FirstOrDefault(t => t.Contains(kind, StringComparison.Ordinal) && t.Contains(who, StringComparison.Ordinal));
            if (text is not null)
            {
                return text;
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), $"No {kind} of {who} in #security within 20 s.");
            await Task.Delay(100, cancellationToken);
        }
    }

    public sealed class SecurityChannelHost : SqliteHost
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } =
            new Dictionary<string, string> { ["Trust:SecurityChannel"] = "security" };
    }
}
