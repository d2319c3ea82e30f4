using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Npgsql;
using Switchboard.Emulators.Slack.Requests;
using Switchboard.Emulators.Slack.WebApi;
using Switchboard.Testing;

namespace Switchboard.Modules.Slack.Tests.Inbound;

public abstract class SlackInboundTests(SlackHostBase host)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AnswersSlacksUrlVerificationWithItsChallenge()
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        using var response = await host.Sender.UrlVerificationAsync("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", cancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", body.GetProperty("challenge").GetString());
    }

    [Theory]
    [InlineData("missing signature", "slack.signature-missing")]
    [InlineData("missing timestamp", "slack.signature-missing")]
    [InlineData("another secret", "slack.signature-mismatch")]
    [InlineData("six minutes old", "slack.stale-request")]
    [InlineData("six minutes ahead", "slack.request-from-the-future")]
    public async Task RefusesARequestSlackDidNotSignJustNow(string how, string code)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var signing = how switch
        {
            "missing signature" => new SlackSigning(OmitSignature: true),
            "missing timestamp" => new SlackSigning(OmitTimestamp: true),
            "another secret" => new SlackSigning(Secret: "not-the-apps-signing-secret"),
            "six minutes old" => new SlackSigning(Skew: TimeSpan.FromMinutes(-6)),
            _ => new SlackSigning(Skew: TimeSpan.FromMinutes(6)),
        };
        var responseUrl = host.Responses.NewResponseUrl(SlackHostBase.Workspace);
        var body = host.Sender.SlashCommandBody(host.NewUser("mallory"), "whoami", responseUrl);

        using var response = await host.Sender.SendAsync("/slack/commands", body, signing, cancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Empty(host.Responses.PostsTo(responseUrl));
    }

    [Fact]
    public async Task RefusesAnOversizedRequestWith413()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var body = Encoding.UTF8.GetBytes("text=" + new string('a', 1024 * 1024 + 1));

        using var response = await host.Sender.SendAsync("/slack/commands", body, SlackSigning.AsSlackDoes, cancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    /// <summary>Slack sends over kept connections: refusing one request must not cut the next one off.</summary>
    [Fact]
    public async Task AnOversizedRequestIsRefusedWithoutClosingTheConnection()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var connection = new TcpClient();
        await connection.ConnectAsync(host.BaseAddress.Host, host.BaseAddress.Port, cancellationToken);
        var stream = connection.GetStream();
        var oversized = new string('a', 1024 * 1024 + 1);

        await stream.WriteAsync(Encoding.ASCII.GetBytes(Request(oversized)), cancellationToken);
        var refused = await ReadResponseAsync(stream, cancellationToken);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(Request("text=help")), cancellationToken);
        var next = await ReadResponseAsync(stream, cancellationToken);

        Assert.StartsWith("HTTP/1.1 413 ", refused, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 401 ", next, StringComparison.Ordinal);

        string Request(string body) =>
            $"POST /slack/commands HTTP/1.1\r\nHost: {host.BaseAddress.Authority}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {body.Length}\r\n\r\n{body}";
    }

    /// <returns>The status line and headers of one response, its body read past; empty when the server closed the connection.</returns>
    private static async Task<string> ReadResponseAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        if (await ReadUntilAsync(stream, "\r\n\r\n", cancellationToken) is not { } head)
        {
            return "";
        }

        var fields = head.Split("\r\n").Select(line => line.Split(':', 2)).Where(field => field.Length == 2).ToDictionary(field => field[0], field => field[1].Trim(), StringComparer.OrdinalIgnoreCase);
        if (fields.TryGetValue("Content-Length", out var length))
        {
            await stream.ReadExactlyAsync(new byte[int.Parse(length, CultureInfo.InvariantCulture)], cancellationToken);
        }
        else if (await ReadUntilAsync(stream, "\r\n0\r\n\r\n", cancellationToken) is null)
        {
            return "";
        }

        return head;
    }

    private static async Task<string?> ReadUntilAsync(NetworkStream stream, string end, CancellationToken cancellationToken)
    {
        var received = new StringBuilder();
        var one = new byte[1];
        while (!received.ToString().EndsWith(end, StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one, cancellationToken).AsTask().WaitAsync(Patience, cancellationToken) == 0)
            {
                return null;
            }

            received.Append((char)one[0]);
        }

        return received.ToString();
    }

    [Fact]
    public async Task GivesTheSameReplyBySlashCommandMentionAndDirectMessageAsTheApi()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var grace = await host.AddPersonAsync("grace", cancellationToken);
        var slack = host.NewUser("grace");
        await host.LinkAsync(grace, slack, cancellationToken);
        await host.RunAsAdminAsync("team create parity", cancellationToken);
        await host.RunAsAdminAsync("team add parity @grace --role lead", cancellationToken);
        var viaApi = await host.RunAsync(grace, "team show parity", cancellationToken);

        var channel = host.NewChannel("parity");
        var directChannel = host.Slack.State.OpenIm(slack.UserId).Id;

        var viaSlash = await host.SlashCommandAsync(slack, "team show parity", cancellationToken);
        var mentionTs = await host.MentionAsync(slack, "team show parity", channel, cancellationToken);
        var viaMention = await host.WaitForPostAsync(channel, cancellationToken);
        using var direct = await host.Sender.DirectMessageAsync(slack, "team show parity", directChannel, SlackSender.NewEventId(), cancellationToken);
        var viaDirect = await host.WaitForPostAsync(directChannel, cancellationToken);

        Assert.True(viaApi.IsSuccess, viaApi.Detail);
        Assert.Equal(viaApi.Text, SlackHostBase.Shown(viaSlash));
        Assert.Equal(viaApi.Text, SlackHostBase.Shown(viaMention));
        Assert.Equal(viaApi.Text, SlackHostBase.Shown(viaDirect));
        Assert.Equal("ephemeral", viaSlash.Text("response_type"));
        Assert.Equal(mentionTs, viaMention.ThreadTs);
        Assert.Null(viaDirect.ThreadTs);
        Assert.Empty(viaSlash.Authorization);
    }

    [Fact]
    public async Task AnswersInBlockKitMentioningLinkedPeopleForReal()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var ada = await host.AddPersonAsync("ada", cancellationToken);
        var slack = host.NewUser("ada");
        await host.LinkAsync(ada, slack, cancellationToken);
        var channel = host.NewChannel("blocks");

        await host.MentionAsync(slack, "whoami", channel, cancellationToken);
        var reply = await host.WaitForPostAsync(channel, cancellationToken);

        var sections = reply.Blocks!.Select(block => block!["text"]?["text"]?.GetValue<string>()).OfType<string>().ToList();
        Assert.Contains(sections, text => text.Contains($"(<@{slack.UserId}>)", StringComparison.Ordinal));
        Assert.Contains("(@ada)", SlackHostBase.Shown(reply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunsAnEventThatSlackRetriedOnlyOnce()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var hedy = await host.AddPersonAsync("hedy", cancellationToken, admin: true);
        var slack = host.NewUser("hedy");
        await host.LinkAsync(hedy, slack, cancellationToken);
        var channel = host.NewChannel("retry");

        await host.MentionAsync(slack, "team create retried", channel, cancellationToken, retries: 2);
        var reply = await host.WaitForPostAsync(channel, cancellationToken);
        await host.MentionAsync(slack, "whoami", channel, cancellationToken);
        await host.WaitForPostAsync(channel, cancellationToken, m => m.Text!.Contains("@hedy", StringComparison.Ordinal));

        Assert.DoesNotContain("Error", SlackHostBase.Shown(reply), StringComparison.Ordinal);
        Assert.Single(host.Slack.State.MessagesIn(channel), m => m.User == SlackState.BotUserId && m.Text!.Contains("retried", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LetsAnUnlinkedPersonRunOnlyHelpWhoamiAndLink()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var stranger = host.NewUser("stranger");

        var whoami = SlackHostBase.Shown(await host.SlashCommandAsync(stranger, "whoami", cancellationToken));
        var help = SlackHostBase.Shown(await host.SlashCommandAsync(stranger, "help", cancellationToken));
        var create = SlackHostBase.Shown(await host.SlashCommandAsync(stranger, "team create strangers", cancellationToken));
        var teams = await host.RunAsAdminAsync("team list", cancellationToken);

        Assert.Contains($"You are Slack user {stranger.UserId}", whoami, StringComparison.Ordinal);
        Assert.Contains("rolodex link slack", whoami, StringComparison.Ordinal);
        Assert.Contains("/sb link <code>", help, StringComparison.Ordinal);
        Assert.StartsWith("Error: Your Slack account is not linked", create, StringComparison.Ordinal);
        Assert.DoesNotContain("strangers", teams.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClaimingSomeoneElsesSlackIdLetsNobodyActAsThem()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var mallory = await host.AddPersonAsync("mallory", cancellationToken, admin: true);
        var victor = await host.AddPersonAsync("victor", cancellationToken);
        var victorsSlack = host.NewUser("victor");
        var claim = await host.RunAsync(mallory, $"rolodex link slack {victorsSlack.UserId} --workspace {victorsSlack.TeamId}", cancellationToken);

        var throughTheClaim = SlackHostBase.Shown(await host.SlashCommandAsync(victorsSlack, "team create through-a-claim", cancellationToken));
        await host.LinkAsync(victor, victorsSlack, cancellationToken);
        var whoami = SlackHostBase.Shown(await host.SlashCommandAsync(victorsSlack, "whoami", cancellationToken));

        Assert.True(claim.IsSuccess, claim.Detail);
        Assert.StartsWith("Error: Your Slack account is not linked", throughTheClaim, StringComparison.Ordinal);
        Assert.DoesNotContain("through-a-claim", (await host.RunAsAdminAsync("team list", cancellationToken)).Text, StringComparison.Ordinal);
        Assert.Contains("@victor", whoami, StringComparison.Ordinal);
        Assert.DoesNotContain("@mallory", whoami, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALinkCodeWorksOnceAndMakesTheAccountTheirs()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var ida = await host.AddPersonAsync("ida", cancellationToken);
        var slack = host.NewUser("ida");
        var someoneElse = host.NewUser("eve");
        var code = await host.LinkCodeAsync(ida, cancellationToken);

        var linked = SlackHostBase.Shown(await host.SlashCommandAsync(slack, "link " + code.ToLowerInvariant(), cancellationToken));
        var reused = SlackHostBase.Shown(await host.SlashCommandAsync(someoneElse, "link " + code, cancellationToken));
        var whoami = await host.SlashCommandAsync(slack, "whoami", cancellationToken);

        Assert.StartsWith("Linked: this Slack account is now @ida's", linked, StringComparison.Ordinal);
        Assert.StartsWith("Error: That code links nothing", reused, StringComparison.Ordinal);
        Assert.Contains("@ida", SlackHostBase.Shown(whoami), StringComparison.Ordinal);
        Assert.Contains("slack", SlackHostBase.Shown(whoami), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AGuestIsNotLinkedByCode()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var guest = await host.AddPersonAsync("guest", cancellationToken);
        var slack = host.NewUser("guest", guest: true);
        var code = await host.LinkCodeAsync(guest, cancellationToken);

        var refused = SlackHostBase.Shown(await host.SlashCommandAsync(slack, "link " + code, cancellationToken));
        var whoami = SlackHostBase.Shown(await host.SlashCommandAsync(slack, "whoami", cancellationToken));

        Assert.StartsWith("Error: Guests of the workspace cannot link", refused, StringComparison.Ordinal);
        Assert.Contains("not linked to anyone", whoami, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APersonFromAnotherOrganisationIsNotLinkedByCode()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var partner = await host.AddPersonAsync("partner", cancellationToken);
        var slack = host.NewUser("partner");
        var code = await host.LinkCodeAsync(partner, cancellationToken);

        var channel = host.NewChannel("shared");

        await host.MentionAsync(slack, "link " + code, channel, cancellationToken, userTeam: "T0PARTNER1");
        var refused = await host.WaitForPostAsync(channel, cancellationToken);

        Assert.StartsWith("Error: Your Slack account belongs to another organisation", SlackHostBase.Shown(refused), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdminsAssertedLinkStillWorks()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.AddPersonAsync("joan", cancellationToken);
        var slack = host.NewUser("joan");

        await host.RunAsAdminAsync($"rolodex link slack {slack.UserId} --workspace {slack.TeamId} --for @joan", cancellationToken);
        var whoami = SlackHostBase.Shown(await host.SlashCommandAsync(slack, "whoami", cancellationToken));

        Assert.Contains("@joan", whoami, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesAndAuditsAMessageHoldingAToken()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var kay = await host.AddPersonAsync("kay", cancellationToken);
        var slack = host.NewUser("kay");
        await host.LinkAsync(kay, slack, cancellationToken);
        var token = ServiceTokens.GitHub();

        var reply = SlackHostBase.Shown(await host.SlashCommandAsync(slack, "vault set github " + token, cancellationToken));
        var audited = await host.ReadSqlAsync("SELECT outcome, code, detail FROM core_audit_entries WHERE action = 'slack.token-pasted'", cancellationToken);

        Assert.StartsWith("Error: That message holds what looks like a GitHub token", reply, StringComparison.Ordinal);
        Assert.Contains("Revoke that token now", reply, StringComparison.Ordinal);
        Assert.DoesNotContain(token, reply, StringComparison.Ordinal);
        var entry = Assert.Single(audited, row => row["detail"]!.ToString()!.Contains(slack.UserId, StringComparison.Ordinal));
        Assert.Equal("refused", entry["outcome"]);
        Assert.DoesNotContain(token, entry["detail"]!.ToString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AButtonRunsItsCommandOnceAsTheClickerAndReplacesTheMessage()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var lin = await host.AddPersonAsync("lin", cancellationToken, admin: true);
        var slack = host.NewUser("lin");
        await host.LinkAsync(lin, slack, cancellationToken);
        var value = JsonSerializer.Serialize(new { command = "team create clicked", idempotencyKey = "button-" + Guid.NewGuid() });
        var firstUrl = host.Responses.NewResponseUrl(slack.TeamId);
        var secondUrl = host.Responses.NewResponseUrl(slack.TeamId);

        using var click = await host.Sender.ButtonClickAsync(slack, value, firstUrl, "C0BUTTON01", cancellationToken);
        var first = await host.Responses.WaitForAsync(firstUrl, Patience, cancellationToken);
        using var doubleClick = await host.Sender.ButtonClickAsync(slack, value, secondUrl, "C0BUTTON01", cancellationToken);
        var second = await host.Responses.WaitForAsync(secondUrl, Patience, cancellationToken);
        var team = await host.RunAsAdminAsync("team show clicked", cancellationToken);

        Assert.Equal(JsonValueKind.True, first.Body.GetProperty("replace_original").ValueKind);
        Assert.DoesNotContain("Error", SlackHostBase.Shown(first), StringComparison.Ordinal);
        Assert.Contains(
            first.Body.GetProperty("blocks").EnumerateArray(),
            block => block.GetProperty("type").GetString() == "section" && block.GetProperty("text").GetProperty("text").GetString()!.Contains("clicked", StringComparison.Ordinal));
        Assert.Equal(SlackHostBase.Shown(first), SlackHostBase.Shown(second));
        Assert.True(team.IsSuccess, team.Detail);
    }
}

public sealed class SlackInboundOnSqliteTests(SlackSqliteHost host) : SlackInboundTests(host), IClassFixture<SlackSqliteHost>;

public sealed class SlackInboundOnPostgresTests(SlackPostgresHost host) : SlackInboundTests(host), IClassFixture<SlackPostgresHost>
{
    [Fact]
    public async Task ACommandThatTakesTenSecondsIsAcknowledgedAtOnceAndStillAnswered()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var mae = await host.AddPersonAsync("mae", cancellationToken, admin: true);
        var slack = host.NewUser("mae");
        await host.LinkAsync(mae, slack, cancellationToken);
        var responseUrl = host.Responses.NewResponseUrl(slack.TeamId);
        await using var database = new NpgsqlConnection(host.ConnectionString);
        await database.OpenAsync(cancellationToken);
        var held = Stopwatch.StartNew();

        // Only the command's own write waits on this lock, so the command, and nothing before it, takes ten seconds.
        await using (var transaction = await database.BeginTransactionAsync(cancellationToken))
        {
            await using (var lockTeams = new NpgsqlCommand("LOCK TABLE rolodex_teams IN EXCLUSIVE MODE", database, transaction))
            {
                await lockTeams.ExecuteNonQueryAsync(cancellationToken);
            }

            var sent = Stopwatch.StartNew();
            using var ack = await host.Sender.SlashCommandAsync(slack, "team create unhurried", responseUrl, cancellationToken);
            var acknowledgedIn = sent.Elapsed;
            await Task.Delay(TimeSpan.FromSeconds(10) - held.Elapsed, cancellationToken);

            Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
            Assert.True(acknowledgedIn < TimeSpan.FromSeconds(3), $"Acknowledged in {acknowledgedIn}, past Slack's 3 seconds.");
            Assert.Empty(host.Responses.PostsTo(responseUrl));
        }

        var reply = await host.Responses.WaitForAsync(responseUrl, TimeSpan.FromSeconds(30), cancellationToken);

        Assert.True(held.Elapsed >= TimeSpan.FromSeconds(10));
        Assert.Contains("unhurried", SlackHostBase.Shown(reply), StringComparison.Ordinal);
        Assert.DoesNotContain("Error", SlackHostBase.Shown(reply), StringComparison.Ordinal);
    }
}
