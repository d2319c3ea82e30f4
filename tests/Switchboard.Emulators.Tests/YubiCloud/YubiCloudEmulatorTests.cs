using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Switchboard.Emulators.YubiCloud;

namespace Switchboard.Emulators.Tests.YubiCloud;

/// <summary>The YubiCloud emulator answers <c>/wsapi/2.0/verify</c> as validation protocol 2.0 documents it.</summary>
public sealed class YubiCloudEmulatorTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private readonly HttpClient _http = new();
    private YubiCloudEmulator _yubiCloud = null!;

    public async ValueTask InitializeAsync() => _yubiCloud = await YubiCloudEmulator.StartAsync(_clock, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _yubiCloud.DisposeAsync();
    }

    [Fact]
    public async Task AnOtpIsOkOnceThenReplayedAndEveryAnswerIsSignedAndEchoesTheRequest()
    {
        var key = _yubiCloud.State.AddKey();
        var otp = key.Touch();

        var first = await VerifyAsync(otp, "0123456789abcdef0123", signed: true);
        var again = await VerifyAsync(otp, "abcdef0123456789abcd", signed: true);

        Assert.Equal(("OK", otp, "0123456789abcdef0123", "1", "1"), (first["status"], first["otp"], first["nonce"], first["sessioncounter"], first["sessionuse"]));
        Assert.Equal("REPLAYED_OTP", again["status"]);
        Assert.All([first, again], answer => Assert.Equal(Signature(answer), answer["h"]));
    }

    [Fact]
    public async Task AKeyTouchedAfterPluggingInAgainCountsHigher()
    {
        var key = _yubiCloud.State.AddKey();
        var beforeReplugging = key.Touch();
        key.PlugIn();
        var afterReplugging = key.Touch();

        var newer = await VerifyAsync(afterReplugging, "0123456789abcdef0123", signed: false);
        var older = await VerifyAsync(beforeReplugging, "0123456789abcdef0124", signed: false);

        Assert.Equal(("OK", "2", "1"), (newer["status"], newer["sessioncounter"], newer["sessionuse"]));
        Assert.Equal("REPLAYED_OTP", older["status"]);
    }

    [Fact]
    public async Task AnUnknownKeyAForgedSignatureAndAMissingNonceAreRefused()
    {
        var unknownKey = VirtualYubiKey.Random(_clock).Touch();
        var known = _yubiCloud.State.AddKey().Touch();

        var unknown = await VerifyAsync(unknownKey, "0123456789abcdef0123", signed: false);
        var forged = await GetAsync($"?id={YubiCloudEmulator.ClientId}&otp={known}&nonce=0123456789abcdef0123&h={Uri.EscapeDataString(Convert.ToBase64String(new byte[20]))}");
        var noNonce = await GetAsync($"?id={YubiCloudEmulator.ClientId}&otp={known}");

        Assert.Equal("BAD_OTP", unknown["status"]);
        Assert.Equal("BAD_SIGNATURE", forged["status"]);
        Assert.Equal("MISSING_PARAMETER", noNonce["status"]);
    }

    private Task<Dictionary<string, string>> VerifyAsync(string otp, string nonce, bool signed)
    {
        var parameters = new Dictionary<string, string> { ["id"] = YubiCloudEmulator.ClientId, ["otp"] = otp, ["nonce"] = nonce, ["timestamp"] = "1" };
        if (signed)
        {
            parameters["h"] = Signature(parameters);
        }

        return GetAsync("?" + string.Join('&', parameters.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}")));
    }

    private async Task<Dictionary<string, string>> GetAsync(string query)
    {
        var body = await _http.GetStringAsync(new Uri(_yubiCloud.ValidationUrl + query), TestContext.Current.CancellationToken);
        return body.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350", Justification = "The protocol signs with HMAC-SHA1.")]
    private string Signature(Dictionary<string, string> fields) =>
        Convert.ToBase64String(HMACSHA1.HashData(
            Convert.FromBase64String(_yubiCloud.ApiKey),
            Encoding.UTF8.GetBytes(string.Join('&', fields.Where(f => f.Key != "h").OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}")))));
}
