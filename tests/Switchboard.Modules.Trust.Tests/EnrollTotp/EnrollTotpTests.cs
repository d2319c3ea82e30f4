using System.Net;
using OtpNet;
using Switchboard.Testing;

namespace Switchboard.Modules.Trust.Tests.EnrollTotp;

/// <summary><c>factors enroll totp</c>, <c>factors confirm totp</c>, <c>factors list</c> and <c>factors remove</c> over the real host.</summary>
public abstract class EnrollTotpTests(SwitchboardHost host)
{
    [Fact]
    public async Task EnrollingAnswersTheOtpauthLinkAndAFirstCodeConfirmsIt()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var alice = await host.AddPersonAsync("totp-alice", cancellationToken);

        var enrolled = await host.RunAsync(alice, "factors enroll totp", cancellationToken);
        var waiting = await host.RunAsync(alice, "factors list", cancellationToken);
        var app = new TestAuthenticator(Base32Encoding.ToBytes(enrolled.Field("Secret")));
        var confirmed = await host.RunAsync(alice, $"factors confirm totp {app.CodeAt(host.Clock.GetUtcNow())}", cancellationToken);
        var listed = await host.RunAsync(alice, "factors list", cancellationToken);

        Assert.True(enrolled.IsSuccess, enrolled.Detail);
        Assert.Equal(
            $"otpauth://totp/Switchboard:totp-alice?secret={enrolled.Field("Secret")}&issuer=Switchboard&algorithm=SHA1&digits=6&period=30",
            LinkIn(enrolled));
        Assert.Equal("waiting for `factors confirm totp <code>`", waiting.Field("Authenticator app"));
        Assert.True(confirmed.IsSuccess, confirmed.Detail);
        Assert.Equal("enrolled 2026-11-25, last used " + host.Clock.GetUtcNow().ToString("yyyy-MM-dd HH:mm'Z'", System.Globalization.CultureInfo.InvariantCulture), listed.Field("Authenticator app"));
        Assert.Equal("no", listed.Field("Verified"));
    }

    [Fact]
    public async Task AWrongFirstCodeLeavesTheAppUnconfirmed()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var bob = await host.AddPersonAsync("totp-bob", cancellationToken);
        var enrolled = await host.RunAsync(bob, "factors enroll totp", cancellationToken);
        var app = new TestAuthenticator(Base32Encoding.ToBytes(enrolled.Field("Secret")));

        var wrong = await host.RunAsync(bob, $"factors confirm totp {app.WrongCodeAt(host.Clock.GetUtcNow())}", cancellationToken);
        var verify = await host.RunAsync(bob, $"verify {app.CodeAt(host.Clock.GetUtcNow())}", cancellationToken);

        Assert.Equal((HttpStatusCode.Forbidden, "trust.code-refused"), (wrong.Status, wrong.Code));
        Assert.Equal((HttpStatusCode.Conflict, "trust.authenticator-not-confirmed"), (verify.Status, verify.Code));
    }

    [Fact]
    public async Task EnrollingAgainStartsOverWithANewSecretUntilOneIsConfirmed()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var carol = await host.AddPersonAsync("totp-carol", cancellationToken);
        var first = await host.RunAsync(carol, "factors enroll totp", cancellationToken);
        var second = await host.RunAsync(carol, "factors enroll totp", cancellationToken);

        var withFirst = await host.RunAsync(carol, $"factors confirm totp {new TestAuthenticator(Base32Encoding.ToBytes(first.Field("Secret"))).CodeAt(host.Clock.GetUtcNow())}", cancellationToken);
        var withSecond = await host.RunAsync(carol, $"factors confirm totp {new TestAuthenticator(Base32Encoding.ToBytes(second.Field("Secret"))).CodeAt(host.Clock.GetUtcNow())}", cancellationToken);

        Assert.NotEqual(first.Field("Secret"), second.Field("Secret"));
        Assert.Equal("trust.code-refused", withFirst.Code);
        Assert.True(withSecond.IsSuccess, withSecond.Detail);
    }

    [Fact]
    public async Task OnceEnrolledAnotherAppNeedsASecondFactorAndTheFirstRemoved()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var dave = await host.AddPersonAsync("totp-dave", cancellationToken);
        var app = await Authenticators.EnrollAsync(host, dave, cancellationToken);

        var unverified = await host.RunAsync(dave, "factors remove totp", cancellationToken);
        var verified = await host.VerifyAsync(dave, app, cancellationToken);
        var replaced = await host.RunAsync(dave, "factors enroll totp", cancellationToken);
        var listed = await host.RunAsync(dave, "factors list", cancellationToken);

        Assert.Equal((HttpStatusCode.Forbidden, "core.verification-required"), (unverified.Status, unverified.Code));
        Assert.Contains("Removed your authenticator app", verified.Text, StringComparison.Ordinal);
        Assert.True(replaced.IsSuccess, replaced.Detail);
        Assert.Equal("waiting for `factors confirm totp <code>`", listed.Field("Authenticator app"));
    }

    [Fact]
    public async Task WithAConfirmedAppEnrollingAnotherIsRefusedUntilItIsRemoved()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var erin = await host.AddPersonAsync("totp-erin", cancellationToken);
        var app = await Authenticators.EnrollAsync(host, erin, cancellationToken);
        Assert.True((await host.VerifyAsync(erin, app, cancellationToken)).IsSuccess);

        var again = await host.RunAsync(erin, "factors enroll totp", cancellationToken);
        var removed = await host.RunAsync(erin, "factors remove totp", cancellationToken);
        var listed = await host.RunAsync(erin, "factors list", cancellationToken);

        Assert.Equal((HttpStatusCode.Conflict, "trust.authenticator-exists"), (again.Status, again.Code));
        Assert.Equal("Removed your authenticator app; any verification it gave has ended.", removed.Text);
        Assert.StartsWith("You have no second factor yet", listed.Text, StringComparison.Ordinal);
        Assert.Equal("no", listed.Field("Verified"));
    }

    [Fact]
    public async Task EnrollingAnotherFactorUnverifiedIsRefusedWithoutWaitingSinceItsReplyShowsASecret()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var frank = await host.AddPersonAsync("totp-frank", cancellationToken);
        var key = host.YubiCloud.State.AddKey();
        await host.RunAsync(frank, $"factors enroll yubikey {key.Touch()}", cancellationToken);

        var refused = await host.RunAsync(frank, "factors enroll totp", cancellationToken);
        var waiting = await host.RunAsync(frank, "factors list", cancellationToken);
        var verified = await host.RunAsync(frank, $"verify {key.Touch()}", cancellationToken);
        var enrolled = await host.RunAsync(frank, "factors enroll totp", cancellationToken);

        Assert.Equal("core.verification-required", refused.Code);
        Assert.Equal(
            "factors enroll totp needs a second factor just now (verified). Run `verify` and touch your YubiKey to type its OTP, "
                + "then ask again: its reply shows a secret, so it does not wait.",
            refused.Detail);
        Assert.Null(waiting.Field("Waiting for verify"));
        Assert.DoesNotContain("Resumed", verified.Text, StringComparison.Ordinal);
        Assert.NotNull(enrolled.Field("Secret"));
    }

    private static string? LinkIn(ApiOutcome outcome) =>
        outcome.Body.GetProperty("blocks").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "link").GetProperty("url").GetString();
}

public sealed class EnrollTotpOnSqliteTests(SqliteHost host) : EnrollTotpTests(host), IClassFixture<SqliteHost>;

public sealed class EnrollTotpOnPostgresTests(PostgresHost host) : EnrollTotpTests(host), IClassFixture<PostgresHost>;
