using System.Text.Json.Nodes;
using Switchboard.Testing;

namespace Switchboard.Modules.Slack.Tests.Manifest;

public sealed class ShowManifestTests(SqliteHost host) : IClassFixture<SqliteHost>
{
    [Fact]
    public async Task TheManifestPointsSlackAtThisAddressWithTheScopesItNeeds()
    {
        var person = await host.AddPersonAsync("maker", TestContext.Current.CancellationToken);

        var printed = await host.RunAsync(person, "slack manifest --url https://switchboard.example.com/", TestContext.Current.CancellationToken);

        var manifest = JsonNode.Parse(printed.Text!)!;
        Assert.Equal("/sb", manifest["features"]!["slash_commands"]![0]!["command"]!.GetValue<string>());
        Assert.Equal("https://switchboard.example.com/slack/commands", manifest["features"]!["slash_commands"]![0]!["url"]!.GetValue<string>());
        Assert.Equal("https://switchboard.example.com/slack/events", manifest["settings"]!["event_subscriptions"]!["request_url"]!.GetValue<string>());
        Assert.Equal(["app_mention", "message.im"], manifest["settings"]!["event_subscriptions"]!["bot_events"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.Equal("switchboard_delivery", manifest["settings"]!["event_subscriptions"]!["metadata_subscriptions"]![0]!["event_type"]!.GetValue<string>());
        Assert.Equal("https://switchboard.example.com/slack/interactivity", manifest["settings"]!["interactivity"]!["request_url"]!.GetValue<string>());
        Assert.Superset(
            new HashSet<string> { "commands", "chat:write", "app_mentions:read", "im:history", "channels:history", "users:read.email" },
            manifest["oauth_config"]!["scopes"]!["bot"]!.AsArray().Select(s => s!.GetValue<string>()).ToHashSet());
    }

    [Fact]
    public async Task ASocketModeManifestNamesNoAddressForSlackToCall()
    {
        var printed = await host.RunAsync(host.Admin, "slack manifest --socket-mode", TestContext.Current.CancellationToken);
        var withUrl = await host.RunAsync(host.Admin, "slack manifest --socket-mode --url https://switchboard.example.com", TestContext.Current.CancellationToken);

        var manifest = JsonNode.Parse(printed.Text!)!;
        Assert.True(manifest["settings"]!["socket_mode_enabled"]!.GetValue<bool>());
        Assert.DoesNotContain("https://", printed.Text!, StringComparison.Ordinal);
        Assert.Equal("/sb", manifest["features"]!["slash_commands"]![0]!["command"]!.GetValue<string>());
        Assert.True(manifest["settings"]!["interactivity"]!["is_enabled"]!.GetValue<bool>());
        Assert.Equal("slack.url-with-socket-mode", withUrl.Code);
    }

    [Theory]
    [InlineData("http://switchboard.example.com")]
    [InlineData("switchboard.example.com")]
    [InlineData("https://switchboard.example.com/?x=1")]
    public async Task AnAddressSlackCannotCallIsRefused(string url)
    {
        var printed = await host.RunAsync(host.Admin, $"slack manifest --url {url}", TestContext.Current.CancellationToken);

        Assert.Equal("slack.invalid-url", printed.Code);
    }
}
