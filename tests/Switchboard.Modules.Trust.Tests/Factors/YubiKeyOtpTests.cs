using System.Text;
using Microsoft.Extensions.Time.Testing;
using Switchboard.Emulators.YubiCloud;
using Switchboard.Modules.Trust.Factors;

namespace Switchboard.Modules.Trust.Tests.Factors;

/// <summary>
/// Decoding and checking YubiKey OTPs as Yubico's published vectors say (yubico-c's <c>test-vectors.txt</c>
/// and <c>selftest.c</c>), and as the keys the emulator plays type them.
/// </summary>
public sealed class YubiKeyOtpTests
{
    private const string SampleOtp = "dteffujehknhfjbrjnlnldnhcujvddbikngjrtgh";
    private static readonly byte[] SampleAesKey = Convert.FromHexString("ecde18dbe76fbd0c33330f1c354871db");

    [Theory]
    [InlineData("dteffuje", "2d344e83")]
    [InlineData("hknhfjbrjnlnldnhcujvddbikngjrtgh", "69b6481c8baba2b60e8f22179b58cd56")]
    public void ModhexDecodesAsTheVectorsSay(string modhex, string hex)
    {
        Assert.Equal(hex, Convert.ToHexStringLower(Modhex.Decode(modhex)!));
    }

    [Fact]
    public void ModhexEncodesAsTheVectorsSay()
    {
        Assert.Equal("urtubjtnuihvntcreeeecvbregfjibtn", Modhex.Encode(SampleAesKey));
        Assert.Equal("ifhgieif", Modhex.Encode(Encoding.ASCII.GetBytes("test")));
    }

    [Theory]
    [InlineData("cbdefghijklnrtuvx")]
    [InlineData("abc")]
    public void TextOutsideTheModhexAlphabetIsNotModhex(string text)
    {
        Assert.Null(Modhex.Decode(text));
    }

    [Fact]
    public void TheSampleOtpSplitsIntoItsIdentityAndItsBlock()
    {
        var otp = YubiKeyOtp.Parse(SampleOtp)!;

        Assert.Equal("dteffuje", otp.PublicId);
        Assert.Equal("69b6481c8baba2b60e8f22179b58cd56", Convert.ToHexStringLower(otp.Ciphertext));
    }

    [Fact]
    public void TheSampleOtpDecryptsToThePublishedPlaintext()
    {
        var token = YubiKeyOtp.Parse(SampleOtp)!.Decrypt(SampleAesKey);

        Assert.Equal("8792ebfe26cc", Convert.ToHexStringLower(token.PrivateId));
        Assert.Equal(19, token.UsageCounter);
        Assert.Equal(49712, token.Timestamp);
        Assert.Equal(17, token.SessionUse);
        Assert.Equal(40904, token.Random);
        Assert.Equal(51235, token.Crc);
        Assert.True(token.HasValidCrc);
        Assert.Equal((19 << 8) | 17, token.Counter);
    }

    [Fact]
    public void TheCrcOverTheSamplePlaintextLeavesTheResidue()
    {
        Assert.Equal(Crc16.Residue, Crc16.Compute(Convert.FromHexString("8792ebfe26cc130030c20011c89f23c8")));
    }

    [Fact]
    public void AesDecryptsAsTheSelfTestSays()
    {
        var block = new YubiKeyOtp("", "", Encoding.ASCII.GetBytes("0123456789abcdef"));

        var token = block.Decrypt(Encoding.ASCII.GetBytes("abcdef0123456789"));

        // 83 8a 46 7f 34 63 | 95 51 | 75 5b d3 | 2a | 4a 2f | 15 e1
        Assert.Equal("838a467f3463", Convert.ToHexStringLower(token.PrivateId));
        Assert.Equal(0x5195, token.UsageCounter);
        Assert.Equal(0xd35b75, token.Timestamp);
        Assert.Equal(0x2a, token.SessionUse);
        Assert.Equal(0xe115, token.Crc);
        Assert.False(token.HasValidCrc);
    }

    [Fact]
    public void ATamperedOtpFailsItsCrc()
    {
        var tampered = SampleOtp[..^1] + (SampleOtp[^1] == 'h' ? 'c' : 'h');

        Assert.False(YubiKeyOtp.Parse(tampered)!.Decrypt(SampleAesKey).HasValidCrc);
    }

    [Theory]
    [InlineData("")]
    [InlineData("dteffujehknhfjbrjnlnldnhcujvddbikngjrtg")]
    [InlineData("dteffujehknhfjbrjnlnldnhcujvddbikngjrtghdteffujehknhf")]
    [InlineData("dteffujehknhfjbrjnlnldnhcujvddbikngjrtga")]
    public void WhatIsNotAnOtpIsRefused(string text)
    {
        Assert.Null(YubiKeyOtp.Parse(text));
    }

    [Fact]
    public void EachTouchOfAKeyDecryptsWithAValidCrcItsPrivateIdAndAHigherCounter()
    {
        var key = VirtualYubiKey.Random(new FakeTimeProvider());

        var first = YubiKeyOtp.Parse(key.Touch())!;
        var second = YubiKeyOtp.Parse(key.Touch())!;
        key.PlugIn();
        var afterReplugging = YubiKeyOtp.Parse(key.Touch())!;

        var tokens = new[] { first, second, afterReplugging }.Select(otp => otp.Decrypt(key.AesKey)).ToList();
        Assert.All(tokens, token => Assert.True(token.HasValidCrc));
        Assert.All(tokens, token => Assert.Equal(key.PrivateId, token.PrivateId));
        Assert.Equal(key.PublicId, first.PublicId);
        Assert.True(tokens[0].Counter < tokens[1].Counter && tokens[1].Counter < tokens[2].Counter);
    }
}
