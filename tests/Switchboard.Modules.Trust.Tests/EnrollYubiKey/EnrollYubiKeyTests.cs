using System.Net;
using System.Security.Cryptography;
using Switchboard.Emulators.YubiCloud;
using Switchboard.Testing;

namespace Switchboard.Modules.Trust.Tests.EnrollYubiKey;

/// <summary>
/// YubiKeys over the real host: enrolled by a touch, validated by the YubiCloud emulator or by Switchboard from
/// the slot's AES key; each OTP works once, and only from the person's own key.
/// </summary>
public sealed class EnrollYubiKeyTests(SqliteHost host) : IClassFixture<SqliteHost>
{
    [Fact]
    public async Task AKeyValidatedByYubiCloudVerifiesItsPersonOnceForEachTouch()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var alice = await host.AddPersonAsync("yubikey-alice", cancellationToken);
        var key = host.YubiCloud.State.AddKey();

        var enrolled = await host.RunAsync(alice, $"factors enroll yubikey {key.Touch()}", cancellationToken);
        var otp = key.Touch();
        var verified = await host.RunAsync(alice, $"verify {otp}", cancellationToken);
        var replayed = await host.RunAsync(alice, $"verify {otp}", cancellationToken);

        Assert.Equal($"Enrolled the YubiKey `{key.PublicId}`, validated by YubiCloud. When a command needs a second factor, `verify` and touch it.", enrolled.Text);
        Assert.True(verified.IsSuccess, verified.Detail);
        Assert.StartsWith($"Verified with your YubiKey {key.PublicId} until ", verified.Text, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Forbidden, "trust.otp-already-used"), (replayed.Status, replayed.Code));
        Assert.Equal(["OK", "OK", "REPLAYED_OTP"], host.YubiCloud.State.Answered.TakeLast(3));
    }

    [Fact]
    public async Task AnOtpFromSomeoneElsesKeyDoesNotVerify()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var bob = await host.AddPersonAsync("yubikey-bob", cancellationToken);
        var mallory = await host.AddPersonAsync("yubikey-mallory", cancellationToken);
        var bobsKey = host.YubiCloud.State.AddKey();
        var mallorysKey = host.YubiCloud.State.AddKey();
        await host.RunAsync(bob, $"factors enroll yubikey {bobsKey.Touch()}", cancellationToken);
        await host.RunAsync(mallory, $"factors enroll yubikey {mallorysKey.Touch()}", cancellationToken);

        var withBobsKey = await host.RunAsync(mallory, $"verify {bobsKey.Touch()}", cancellationToken);
        var unknownKey = await host.RunAsync(mallory, $"verify {host.YubiCloud.State.AddKey().Touch()}", cancellationToken);

        Assert.Equal((HttpStatusCode.Forbidden, "trust.unknown-key"), (withBobsKey.Status, withBobsKey.Code));
        Assert.Equal("trust.unknown-key", unknownKey.Code);
    }

    [Fact]
    public async Task AKeyEnrolledToOnePersonCannotBeEnrolledByAnother()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var carol = await host.AddPersonAsync("yubikey-carol", cancellationToken);
        var dave = await host.AddPersonAsync("yubikey-dave", cancellationToken);
        var key = host.YubiCloud.State.AddKey();
        await host.RunAsync(carol, $"factors enroll yubikey {key.Touch()}", cancellationToken);

        var taken = await host.RunAsync(dave, $"factors enroll yubikey {key.Touch()}", cancellationToken);

        Assert.Equal((HttpStatusCode.Conflict, "trust.key-taken"), (taken.Status, taken.Code));
    }

    [Fact]
    public async Task AKeyEnrolledWithItsAesSecretIsValidatedWithoutYubiCloudAndEachOtpWorksOnce()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var erin = await host.AddPersonAsync("yubikey-erin", cancellationToken);
        var key = VirtualYubiKey.Random(host.Clock);
        var asked = host.YubiCloud.State.Answered.Count;

        var enrolled = await host.RunAsync(erin, $"factors enroll yubikey {key.Touch()} --aes-key {key.AesKeyHex} --private-id {key.PrivateIdHex}", cancellationToken);
        key.PlugIn();
        var otp = key.Touch();
        var verified = await host.RunAsync(erin, $"verify {otp}", cancellationToken);
        var replayed = await host.RunAsync(erin, $"verify {otp}", cancellationToken);
        var impostor = new VirtualYubiKey(key.PublicId, key.AesKey, RandomNumberGenerator.GetBytes(6), host.Clock, usageCounter: 9);
        var forged = await host.RunAsync(erin, $"verify {impostor.Touch()}", cancellationToken);

        Assert.Equal($"Enrolled the YubiKey `{key.PublicId}`, validated by Switchboard with its AES key. When a command needs a second factor, `verify` and touch it.", enrolled.Text);
        Assert.True(verified.IsSuccess, verified.Detail);
        Assert.Equal("trust.otp-already-used", replayed.Code);
        Assert.Equal("trust.otp-refused", forged.Code);
        Assert.Equal(asked, host.YubiCloud.State.Answered.Count);
    }

    [Fact]
    public async Task TheAesKeyAndPrivateIdGoTogetherAndMustBeHex()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var frank = await host.AddPersonAsync("yubikey-frank", cancellationToken);
        var key = VirtualYubiKey.Random(host.Clock);

        var alone = await host.RunAsync(frank, $"factors enroll yubikey {key.Touch()} --aes-key {key.AesKeyHex}", cancellationToken);
        var notHex = await host.RunAsync(frank, $"factors enroll yubikey {key.Touch()} --aes-key {new string('z', 32)} --private-id {key.PrivateIdHex}", cancellationToken);
        var notAnOtp = await host.RunAsync(frank, "factors enroll yubikey hello", cancellationToken);

        Assert.Equal((HttpStatusCode.BadRequest, "trust.aes-key-and-private-id"), (alone.Status, alone.Code));
        Assert.Equal("trust.invalid-aes-key", notHex.Code);
        Assert.Equal("trust.invalid-otp", notAnOtp.Code);
    }

    [Fact]
    public async Task TheAuditTrailNeverHoldsTheOtpOrTheAesKey()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var grace = await host.AddPersonAsync("yubikey-grace", cancellationToken);
        var key = VirtualYubiKey.Random(host.Clock);
        var otp = key.Touch();
        await host.RunAsync(grace, $"factors enroll yubikey {otp} --aes-key {key.AesKeyHex} --private-id {key.PrivateIdHex}", cancellationToken);

        var audit = await host.RunAsAdminAsync("audit tail --count 3", cancellationToken);

        // Redacted as ***, which plain text shows as * (it drops markdown's bold markers).
        Assert.Contains($"{grace.Id} succeeded: factors enroll yubikey * --aes-key * --private-id *", audit.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(key.AesKeyHex, audit.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(otp, audit.Text, StringComparison.Ordinal);
    }
}
