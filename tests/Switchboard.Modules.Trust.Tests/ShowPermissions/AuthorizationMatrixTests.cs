using Switchboard.Testing;

namespace Switchboard.Modules.Trust.Tests.ShowPermissions;

/// <summary>
/// The checked-in authorization matrix, <c>docs/authorization-matrix.md</c>, against what the running host's
/// commands require: every registered command has its rows, and every row says what the code does.
/// </summary>
public sealed class AuthorizationMatrixTests(SqliteHost host) : IClassFixture<SqliteHost>
{
    private const string MatrixPath = "docs/authorization-matrix.md";

    [Fact]
    public async Task EveryCommandHoldsToTheCheckedInMatrix()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var root = RepositoryRoot();
        var expected = File.ReadAllLines(Path.Combine(root, MatrixPath)).Where(l => l.StartsWith('|')).ToList();

        var printed = await host.RunAsAdminAsync("permissions --matrix", cancellationToken);
        Assert.True(printed.IsSuccess, printed.Detail);
        var actual = printed.Text!.Split('\n').ToList();

        if (!expected.SequenceEqual(actual))
        {
            var written = Path.Combine(root, "artifacts", "authorization-matrix.actual.md");
            Directory.CreateDirectory(Path.GetDirectoryName(written)!);
            File.WriteAllLines(written, actual);
            Assert.Fail(
                $"{MatrixPath} does not say what the commands require.\n"
                + $"Rows the code has and the file lacks (a new command or variant, or a changed permission or assurance):\n  {string.Join("\n  ", actual.Except(expected))}\n"
                + $"Rows the file has and the code does not:\n  {string.Join("\n  ", expected.Except(actual))}\n"
                + $"If the change is meant, replace the table in {MatrixPath} with the one in {written} (what `permissions --matrix` prints), "
                + "and let the review see it: it changes who may do what. A command whose permission or assurance depends on its "
                + "arguments declares one line per variant in its definition's Variants.");
        }
    }

    [Fact]
    public async Task PermissionsOfACommandSayWhoMayRunEachOfItsUses()
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        var shown = await host.RunAsAdminAsync("permissions factors remove", cancellationToken);

        Assert.True(shown.IsSuccess, shown.Detail);
        Assert.Contains(
            "`factors remove totp`\n  Who:        Anyone in the Rolodex\n  Permission: trust.own-factors\n  Assurance:  verified once enrolled\n  Approval:   none",
            shown.Text, StringComparison.Ordinal);
        Assert.Contains(
            "`factors remove totp --for @bob`\n  Who:        Administrators\n  Permission: trust.manage-factors\n  Assurance:  verified, once per run",
            shown.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PermissionsOfAPersonShowTheirRolesAndWhatTheyLetThemDo()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsync(host.Admin, "team create web", cancellationToken);
        await host.AddPersonAsync("matrix-dana", cancellationToken);
        await host.RunAsAdminAsync("team add web @matrix-dana --role admin", cancellationToken);

        var shown = await host.RunAsAdminAsync("permissions @matrix-dana", cancellationToken);

        Assert.True(shown.IsSuccess, shown.Detail);
        Assert.Equal("no", shown.Field("Administrator"));
        Assert.Equal("web (admin)", shown.Field("Teams"));
        Assert.Contains("In team web, as admin\n  `team add`, `team remove`", shown.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATeamAdminManagesTheirTeamsRolesALeadMayNotAndRoleChangesAreAudited()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("team create ops", cancellationToken);
        var owner = await host.AddPersonAsync("matrix-owner", cancellationToken);
        var lead = await host.AddPersonAsync("matrix-lead", cancellationToken);
        var newcomer = await host.AddPersonAsync("matrix-newcomer", cancellationToken);
        await host.RunAsAdminAsync("team add ops @matrix-owner --role admin", cancellationToken);
        await host.RunAsAdminAsync("team add ops @matrix-lead --role lead", cancellationToken);

        var byTeamAdmin = await host.RunAsync(owner, "team add ops @matrix-newcomer --role lead", cancellationToken);
        var byLead = await host.RunAsync(lead, "team add ops @matrix-newcomer --role admin", cancellationToken);
        var inAnotherTeam = await host.RunAsync(owner, "team add web @matrix-newcomer", cancellationToken);
        var audit = await host.RunAsAdminAsync("audit tail --count 8", cancellationToken);

        Assert.True(byTeamAdmin.IsSuccess, byTeamAdmin.Detail);
        Assert.Equal("core.permission-denied", byLead.Code);
        Assert.Equal("This use of team add needs the permission rolodex.manage-team-members, which only admins of team ops, and administrators have.", byLead.Detail);
        Assert.Equal("core.permission-denied", inAnotherTeam.Code);
        Assert.Contains($"{owner.Id} succeeded: @matrix-newcomer ({newcomer.Id}) in ops: none -> lead", audit.Text, StringComparison.Ordinal);
        Assert.Contains($"{lead.Id} refused core.permission-denied: team add ops @matrix-newcomer --role admin", audit.Text, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Switchboard.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The tests run outside the repository: Switchboard.slnx is in no parent directory.");
    }
}
