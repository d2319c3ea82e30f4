using System.Net;
using Microsoft.Extensions.Logging;
using Switchboard.Testing;

namespace Switchboard.Modules.Trust.Tests.VerifySecondFactor;

/// <summary>
/// <c>verify</c> over the real host with its fake clock: each code once, one time step either way, guessing
/// locked out; commands that need a second factor wait for it, across a restart, and run once it is given.
/// </summary>
public abstract class VerifySecondFactorTests(SwitchboardHost host)
{
    [Fact]
    public async Task ACodeVerifiesOnceAndIsRefusedTheSecondTime()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var alice = await host.AddPersonAsync("verify-alice", cancellationToken);
        var app = await Authenticators.EnrollAsync(host, alice, cancellationToken);
        var code = app.CodeAt(host.Clock.GetUtcNow());

        var first = await host.RunAsync(alice, $"verify {code}", cancellationToken);
        var second = await host.RunAsync(alice, $"verify {code}", cancellationToken);
        var listed = await host.RunAsync(alice, "factors list", cancellationToken);

        Assert.True(first.IsSuccess, first.Detail);
        Assert.Equal($"Verified with your authenticator app until {Time(host.Clock.GetUtcNow().AddMinutes(15))}.", first.Text);
        Assert.Equal((HttpStatusCode.Forbidden, "trust.code-already-used"), (second.Status, second.Code));
        Assert.Equal($"until {Time(host.Clock.GetUtcNow().AddMinutes(15))}, with authenticator app", listed.Field("Verified"));
    }

    [Fact]
    public async Task ACodeOneTimeStepAwayVerifiesAndOneTwoStepsAwayDoesNot()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var bob = await host.AddPersonAsync("verify-bob", cancellationToken);
        var app = await Authenticators.EnrollAsync(host, bob, cancellationToken);
        host.Clock.Advance(TimeSpan.FromMinutes(2));
        var now = host.Clock.GetUtcNow();

        var twoStepsBehind = await host.RunAsync(bob, $"verify {app.CodeAt(now.AddSeconds(-60))}", cancellationToken);
        var twoStepsAhead = await host.RunAsync(bob, $"verify {app.CodeAt(now.AddSeconds(60))}", cancellationToken);
        var oneStepAhead = await host.RunAsync(bob, $"verify {app.CodeAt(now.AddSeconds(30))}", cancellationToken);
        var current = await host.RunAsync(bob, $"verify {app.CodeAt(now)}", cancellationToken);

        Assert.Equal("trust.code-refused", twoStepsBehind.Code);
        Assert.Equal("trust.code-refused", twoStepsAhead.Code);
        Assert.True(oneStepAhead.IsSuccess, oneStepAhead.Detail);
        // A code from before the newest one used is spent too, or a code seen over a shoulder would still work.
        Assert.Equal("trust.code-already-used", current.Code);
    }

    [Fact]
    public async Task GuessingLocksThePersonOutForAWhileAndIsAuditedAndLogged()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var mallory = await host.AddPersonAsync("verify-mallory", cancellationToken);
        var app = await Authenticators.EnrollAsync(host, mallory, cancellationToken);

        var guesses = new List<ApiOutcome>();
        for (var i = 0; i < 5; i++)
        {
            guesses.Add(await host.RunAsync(mallory, $"verify {app.WrongCodeAt(host.Clock.GetUtcNow())}", cancellationToken));
        }

        var lockedUntil = Time(host.Clock.GetUtcNow().AddMinutes(15));
        var rightButLocked = await host.VerifyAsync(mallory, app, cancellationToken);
        var audit = await host.RunAsAdminAsync("audit tail --count 20", cancellationToken);
        host.Clock.Advance(TimeSpan.FromMinutes(15));
        var afterTheLock = await host.VerifyAsync(mallory, app, cancellationToken);

        Assert.All(guesses, guess => Assert.Equal("trust.code-refused", guess.Code));
        Assert.DoesNotContain("locked", guesses[3].Detail, StringComparison.Ordinal);
        Assert.EndsWith($"Too many wrong codes: your second factors are locked until {lockedUntil}. Try again then.", guesses[4].Detail, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Forbidden, "trust.locked-out"), (rightButLocked.Status, rightButLocked.Code));
        Assert.Contains($"{mallory.Id} refused trust.locked-out: 5 wrong second-factor codes within 00:15:00; locked until {lockedUntil}", audit.Text, StringComparison.Ordinal);
        Assert.Contains(host.Logs.GetSnapshot(), log => log.Id.Id == 12000 && log.Level == LogLevel.Warning && log.Message.Contains(mallory.Id.ToString(), StringComparison.Ordinal));
        Assert.True(afterTheLock.IsSuccess, afterTheLock.Detail);
    }

    [Fact]
    public async Task ACommandThatNeedsASecondFactorWaitsSaysHowAndRunsAfterVerify()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var carol = await host.AddPersonAsync("verify-carol", cancellationToken);
        var app = await Authenticators.EnrollAsync(host, carol, cancellationToken);
        var key = host.YubiCloud.State.AddKey();
        var expiresAt = Time(host.Clock.GetUtcNow().AddMinutes(10));
        var askedAt = host.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

        var refused = await host.RunAsync(carol, $"factors enroll yubikey {key.Touch()}", cancellationToken);
        var waiting = await host.RunAsync(carol, "factors list", cancellationToken);
        var audit = await host.RunAsAdminAsync("audit tail --count 5", cancellationToken);
        var verified = await host.VerifyAsync(carol, app, cancellationToken);
        var listed = await host.RunAsync(carol, "factors list", cancellationToken);
        var auditAfter = await host.RunAsAdminAsync("audit tail --count 5", cancellationToken);

        Assert.Equal((HttpStatusCode.Forbidden, "core.verification-required"), (refused.Status, refused.Code));
        Assert.Equal(
            "factors enroll yubikey needs a second factor just now (verified). Run `verify` with the code your authenticator app shows "
                + $"(such as `verify 123456`) before {expiresAt}, and it runs then.",
            refused.Detail);
        Assert.Equal("1 command", waiting.Field("Waiting for verify"));
        Assert.Contains($"{carol.Id} refused core.verification-required: factors enroll yubikey *", audit.Text, StringComparison.Ordinal);
        Assert.True(verified.IsSuccess, verified.Detail);
        Assert.Contains($"Resumed `factors enroll yubikey ***`\n  Enrolled the YubiKey `{key.PublicId}`, validated by YubiCloud.", verified.Text, StringComparison.Ordinal);
        Assert.StartsWith("validated by YubiCloud", listed.Field($"YubiKey {key.PublicId}"), StringComparison.Ordinal);
        Assert.Null(listed.Field("Waiting for verify"));
        Assert.Contains(
            $"{carol.Id} succeeded: factors enroll yubikey * (asked {askedAt} from api, resumed by verify)\n", auditAfter.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWaitingCommandSurvivesARestartOfTheServer()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var dave = await host.AddPersonAsync("verify-dave", cancellationToken);
        var app = await Authenticators.EnrollAsync(host, dave, cancellationToken);
        var refused = await host.RunAsync(dave, "factors remove totp", cancellationToken);

        await host.RestartAsync();
        var verified = await host.VerifyAsync(dave, app, cancellationToken);

        Assert.Equal("core.verification-required", refused.Code);
        Assert.True(verified.IsSuccess, verified.Detail);
        Assert.Contains("Resumed `factors remove totp`\n  Removed your authenticator app", verified.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACommandThatWaitedTooLongIsDroppedAndTheReplySaysSo()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var erin = await host.AddPersonAsync("verify-erin", cancellationToken);
        var app = await Authenticators.EnrollAsync(host, erin, cancellationToken);
        await host.RunAsync(erin, "factors remove totp", cancellationToken);
        host.Clock.Advance(TimeSpan.FromMinutes(11));

        var verified = await host.VerifyAsync(erin, app, cancellationToken);
        var listed = await host.RunAsync(erin, "factors list", cancellationToken);

        Assert.True(verified.IsSuccess, verified.Detail);
        Assert.DoesNotContain("Resumed", verified.Text, StringComparison.Ordinal);
        Assert.Contains("One command had waited too long for this and was dropped; run it again.", verified.Text, StringComparison.Ordinal);
        Assert.NotNull(listed.Field("Authenticator app"));
    }

    [Fact]
    public async Task VerifiedLastsItsLifetimeThenCommandsWaitAgain()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var frank = await host.AddPersonAsync("verify-frank", cancellationToken);
        var app = await Authenticators.EnrollAsync(host, frank, cancellationToken);
        var key = host.YubiCloud.State.AddKey();
        await host.VerifyAsync(frank, app, cancellationToken);

        host.Clock.Advance(TimeSpan.FromMinutes(14));
        var within = await host.RunAsync(frank, $"factors enroll yubikey {key.Touch()}", cancellationToken);
        host.Clock.Advance(TimeSpan.FromMinutes(2));
        var after = await host.RunAsync(frank, "factors remove totp", cancellationToken);

        Assert.True(within.IsSuccess, within.Detail);
        Assert.Equal("core.verification-required", after.Code);
        Assert.Contains("the code your authenticator app shows (such as `verify 123456`) or a touch of your YubiKey", after.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdminWithoutASecondFactorIsToldToEnrollAndEachRemovalForSomeoneElseSpendsAVerification()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var grace = await host.AddPersonAsync("verify-grace", cancellationToken);
        await Authenticators.EnrollAsync(host, grace, cancellationToken);
        var key = host.YubiCloud.State.AddKey();
        var admin = await host.AddPersonAsync("verify-admin", cancellationToken, admin: true);

        var noFactor = await host.RunAsync(admin, "factors remove totp --for @verify-grace", cancellationToken);
        var adminApp = await Authenticators.EnrollAsync(host, admin, cancellationToken);
        var verified = await host.VerifyAsync(admin, adminApp, cancellationToken);
        var graceVerified = await host.VerifyAsync(grace, adminApp, cancellationToken);
        var keyEnrolled = await host.RunAsync(grace, $"factors enroll yubikey {key.Touch()}", cancellationToken);
        var secondRemoval = await host.RunAsync(admin, $"factors remove {key.PublicId} --for @verify-grace", cancellationToken);

        Assert.Equal("core.verification-required", noFactor.Code);
        Assert.Contains("You have no second factor yet: enroll one with `factors enroll totp` and `factors confirm totp <code>`, then run `verify <code>`", noFactor.Detail, StringComparison.Ordinal);
        Assert.Contains("Resumed `factors remove totp --for @verify-grace`\n  Removed @verify-grace's authenticator app", verified.Text, StringComparison.Ordinal);
        Assert.Equal("trust.no-authenticator", graceVerified.Code);
        Assert.True(keyEnrolled.IsSuccess, keyEnrolled.Detail);
        Assert.Equal("core.verification-required", secondRemoval.Code);
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", System.Globalization.CultureInfo.InvariantCulture);
}

public sealed class VerifySecondFactorOnSqliteTests(SqliteHost host) : VerifySecondFactorTests(host), IClassFixture<SqliteHost>;

public sealed class VerifySecondFactorOnPostgresTests(PostgresHost host) : VerifySecondFactorTests(host), IClassFixture<PostgresHost>;
