using System.Net.Http.Json;
using System.Text.Json;
using Switchboard.Testing;

namespace Switchboard.Cli.Tests.RunCommand;

public sealed class RunCommandTests : IClassFixture<SqliteHost>, IDisposable
{
    private readonly SqliteHost _host;
    private readonly Sb _sb = new();

    public RunCommandTests(SqliteHost host)
    {
        _host = host;
        _sb.Url = host.BaseAddress;
        _sb.Token = host.Admin.Token;
    }

    [Fact]
    public async Task PlainOutputIsTheApisTextForTheSameCommand()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var api = await _host.RunAsAdminAsync("team list", cancellationToken);

        var teams = await _sb.RunAsync(["team", "list", "--plain"], cancellationToken);

        Assert.True(teams.ExitCode == 0, teams.ToString());
        Assert.Equal(api.Text + "\n", teams.Output);
    }

    [Fact]
    public async Task TheServerKnowsTheCommandCameFromTheCli()
    {
        var whoami = await _sb.RunAsync(["whoami", "--plain"], TestContext.Current.CancellationToken);

        Assert.True(whoami.ExitCode == 0, whoami.ToString());
        Assert.Contains("Signed in through: cli", whoami.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonOutputIsTheBodyTheServerSent()
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        var whoami = await _sb.RunAsync(["whoami", "--json"], cancellationToken);

        Assert.True(whoami.ExitCode == 0, whoami.ToString());
        using var reply = JsonDocument.Parse(whoami.Output);
        Assert.Equal("info", reply.RootElement.GetProperty("severity").GetString());
        Assert.Equal(JsonValueKind.Array, reply.RootElement.GetProperty("blocks").ValueKind);
    }

    [Fact]
    public async Task ATeamCreatedWithSbCanBeShownWithSb()
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        var create = await _sb.RunAsync(["team", "create", "platform"], cancellationToken);
        var show = await _sb.RunAsync(["team", "show", "platform"], cancellationToken);

        Assert.True(create.ExitCode == 0, create.ToString());
        Assert.Contains("Created team platform", create.Output, StringComparison.Ordinal);
        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.StartsWith("platform:", show.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownCommandExitsTwoWithTheProblemOnStderr()
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        var result = await _sb.RunAsync(["frobnicate", "the", "widgets"], cancellationToken);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.StartsWith("Not found: ", result.Error, StringComparison.Ordinal);
        Assert.EndsWith("(core.unknown-command)", result.Error.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANonAdministratorIsRefusedTeamCreateWithExitThree()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var member = await _host.AddPersonAsync("morgan", cancellationToken);
        _sb.Token = member.Token;

        var result = await _sb.RunAsync(["team", "create", "secret-team"], cancellationToken);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("(core.permission-denied)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AServerThatCannotBeReachedExitsFour()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        _sb.Url = Sb.UnreachableUrl();

        var result = await _sb.RunAsync(["whoami"], cancellationToken);

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("Could not reach", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(_host.Admin.Token, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARevokedTokenIsRefusedOnTheNextRun()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await _host.AddPersonAsync("riley", cancellationToken);
        var laptop = await _host.RunAsync(person, "token create laptop", cancellationToken);
        _sb.Token = laptop.Field("Token");
        var before = await _sb.RunAsync(["whoami"], cancellationToken);

        var revoke = await _sb.RunAsync(["token", "revoke", "laptop"], cancellationToken);
        var after = await _sb.RunAsync(["whoami"], cancellationToken);

        Assert.True(before.ExitCode == 0, before.ToString());
        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        Assert.Equal(3, after.ExitCode);
        Assert.Contains("(auth.", after.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWordWithSpacesArrivesAsOneWord()
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        var say = await _sb.RunAsync(["say", "#ops", "two words"], cancellationToken);

        Assert.True(say.ExitCode == 0, say.ToString());
        Assert.Equal("two words", await LastMessageInOpsAsync(cancellationToken));
    }

    [Fact]
    public async Task WordsWithQuotesArriveAsTheShellGaveThem()
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        var say = await _sb.RunAsync(["say", "#ops", "say \"when\"", "and", "it's", "done"], cancellationToken);

        Assert.True(say.ExitCode == 0, say.ToString());
        Assert.Equal("say \"when\" and it's done", await LastMessageInOpsAsync(cancellationToken));
    }

    [Fact]
    public async Task WithoutALoginItIsAUsageError()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        _sb.Url = null;
        _sb.Token = null;

        var result = await _sb.RunAsync(["whoami"], cancellationToken);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("sb login", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _sb.Dispose();

    private async Task<string?> LastMessageInOpsAsync(CancellationToken cancellationToken)
    {
        using var client = _host.ApiClient(_host.Admin);
        var messages = await client.GetFromJsonAsync<JsonElement>("/api/channels/ops/messages?limit=500", cancellationToken);
        return messages.EnumerateArray().Last().GetProperty("text").GetString();
    }
}
