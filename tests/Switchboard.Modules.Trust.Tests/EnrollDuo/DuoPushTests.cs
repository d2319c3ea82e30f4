using System.Net;
using Switchboard.Emulators.Duo;
using Switchboard.Testing;

namespace Switchboard.Modules.Trust.Tests.EnrollDuo;

/// <summary>
/// Duo push as a second factor, through the real host and the Duo Auth API emulator: only to the Duo account an
/// administrator vouched for in the Rolodex, enrolled by approving a first push, and `verify push` then resumes the
/// commands that waited for it; a denied push counts as a wrong code.
/// </summary>
public abstract class DuoPushTests(SwitchboardHost host)
{
    [Fact]
    public async Task AnApprovedPushEnrollsDuoAndVerifyPushRunsTheCommandThatWaited()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var ada = await host.AddPersonAsync("duo-ada", cancellationToken);
        host.Duo.State.AddUser("ada.lovelace");
        await host.RunAsAdminAsync("rolodex link duo ada.lovelace --for @duo-ada", cancellationToken);

        var enrolled = await host.RunAsync(ada, "factors enroll duo", cancellationToken);
        var listed = await host.RunAsync(ada, "factors list", cancellationToken);
        var waiting = await host.RunAsync(ada, "factors remove duo", cancellationToken);
        var verified = await host.RunAsync(ada, "verify push", cancellationToken);
        var after = await host.RunAsync(ada, "factors list", cancellationToken);

        Assert.True(enrolled.IsSuccess, enrolled.Detail);
        Assert.NotNull(listed.Field("Duo push"));
        Assert.Equal("core.verification-required", waiting.Code);
        Assert.Contains("run `verify push` and approve it on your phone", waiting.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.True(verified.IsSuccess, verified.Detail);
        Assert.Contains("Verified with your Duo push", verified.Text, StringComparison.Ordinal);
        Assert.Contains("Removed your Duo push", verified.Text, StringComparison.Ordinal);
        Assert.Null(after.Field("Duo push"));
        Assert.Equal(
            [("ada.lovelace", "Enroll in Switchboard"), ("ada.lovelace", "Verify")],
            host.Duo.State.Pushes.Where(p => p.Username == "ada.lovelace").Select(p => (p.Username, p.Type)));
    }

    [Fact]
    public async Task ADuoUsernameThePersonOnlyClaimedIsNeverPushedTo()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var eve = await host.AddPersonAsync("duo-eve", cancellationToken);
        host.Duo.State.AddUser("eve.claims");
        await host.RunAsync(eve, "rolodex link duo eve.claims", cancellationToken);

        var refused = await host.RunAsync(eve, "factors enroll duo", cancellationToken);

        Assert.Equal((HttpStatusCode.Conflict, "trust.no-duo-account"), (refused.Status, refused.Code));
        Assert.DoesNotContain(host.Duo.State.Pushes, p => p.Username == "eve.claims");
    }

    [Theory]
    [InlineData(PushAnswer.Deny, "Login request denied.")]
    [InlineData(PushAnswer.Fraud, "Request reported as fraudulent.")]
    [InlineData(PushAnswer.Ignore, "Login timed out.")]
    public async Task APushNotApprovedVerifiesNobodyAndCountsAsAWrongCode(PushAnswer answer, string why)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var handle = $"duo-{answer.ToString().ToLowerInvariant()}";
        var person = await host.AddPersonAsync(handle, cancellationToken);
        var user = host.Duo.State.AddUser($"{handle}.user");
        await host.RunAsAdminAsync($"rolodex link duo {handle}.user --for @{handle}", cancellationToken);
        Assert.True((await host.RunAsync(person, "factors enroll duo", cancellationToken)).IsSuccess);
        user.Answer = answer;

        var refused = await host.RunAsync(person, "verify push", cancellationToken);
        var listed = await host.RunAsync(person, "factors list", cancellationToken);

        Assert.Equal((HttpStatusCode.Forbidden, "trust.push-denied"), (refused.Status, refused.Code));
        Assert.Contains(why, refused.Detail, StringComparison.Ordinal);
        Assert.Equal("no", listed.Field("Verified"));
    }

    [Theory]
    [InlineData("enroll", true, "you have not enrolled a device with Duo yet")]
    [InlineData("auth", false, "none of your Duo devices takes pushes")]
    [InlineData("allow", true, "Duo lets your account in without asking")]
    [InlineData("deny", true, "Your account is disabled.")]
    public async Task DuoRefusingToPushIsExplainedAndNothingIsEnrolled(string status, bool canPush, string explanation)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var handle = $"duo-{status}-{canPush}".ToLowerInvariant();
        var person = await host.AddPersonAsync(handle, cancellationToken);
        host.Duo.State.AddUser($"{handle}.user", status: status, canPush: canPush);
        await host.RunAsAdminAsync($"rolodex link duo {handle}.user --for @{handle}", cancellationToken);

        var refused = await host.RunAsync(person, "factors enroll duo", cancellationToken);
        var verify = await host.RunAsync(person, "verify push", cancellationToken);

        Assert.Equal((HttpStatusCode.Conflict, "trust.duo-cannot-push"), (refused.Status, refused.Code));
        Assert.Contains(explanation, refused.Detail, StringComparison.Ordinal);
        Assert.Equal("trust.duo-not-enrolled", verify.Code);
        Assert.DoesNotContain(host.Duo.State.Pushes, p => p.Username == $"{handle}.user");
    }
}

public sealed class DuoPushOnSqliteTests(SqliteHost host) : DuoPushTests(host), IClassFixture<SqliteHost>;

public sealed class DuoPushOnPostgresTests(PostgresHost host) : DuoPushTests(host), IClassFixture<PostgresHost>;
