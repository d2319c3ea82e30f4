using System.Text;
using OtpNet;
using Switchboard.Modules.Trust.Factors;

namespace Switchboard.Modules.Trust.Tests.Factors;

/// <summary>The verifier the host uses, held to RFC 6238's published test vectors (Appendix B).</summary>
public sealed class TotpCodesTests
{
    private static readonly byte[] Sha1Seed = Encoding.ASCII.GetBytes("12345678901234567890");
    private static readonly byte[] Sha256Seed = Encoding.ASCII.GetBytes("12345678901234567890123456789012");
    private static readonly byte[] Sha512Seed = Encoding.ASCII.GetBytes("1234567890123456789012345678901234567890123456789012345678901234");

    public static TheoryData<long, string, string> Vectors => new()
    {
        { 59, "SHA1", "94287082" },
        { 59, "SHA256", "46119246" },
        { 59, "SHA512", "90693936" },
        { 1111111109, "SHA1", "07081804" },
        { 1111111109, "SHA256", "68084774" },
        { 1111111109, "SHA512", "25091201" },
        { 1111111111, "SHA1", "14050471" },
        { 1111111111, "SHA256", "67062674" },
        { 1111111111, "SHA512", "99943326" },
        { 1234567890, "SHA1", "89005924" },
        { 1234567890, "SHA256", "91819424" },
        { 1234567890, "SHA512", "93441116" },
        { 2000000000, "SHA1", "69279037" },
        { 2000000000, "SHA256", "90698825" },
        { 2000000000, "SHA512", "38618901" },
        { 20000000000, "SHA1", "65353130" },
        { 20000000000, "SHA256", "77737706" },
        { 20000000000, "SHA512", "47863826" },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void AcceptsTheRfcCodeAtItsTimeAndNamesItsStep(long unixTime, string mode, string code)
    {
        var (seed, algorithm) = Rfc(mode);

        var step = TotpCodes.MatchingStep(seed, code, DateTimeOffset.FromUnixTimeSeconds(unixTime), algorithm);

        Assert.Equal(unixTime / 30, step);
    }

    /// <summary>The vectors two steps or more after the epoch, so that two steps before them is a time too.</summary>
    public static TheoryData<long, string, string> LaterVectors => new(Vectors.Select(v => v.Data).Where(v => v.Item1 >= 90));

    [Theory]
    [MemberData(nameof(LaterVectors))]
    public void AcceptsTheCodeOneStepEitherWayAndNoFurther(long unixTime, string mode, string code)
    {
        var (seed, algorithm) = Rfc(mode);
        var at = DateTimeOffset.FromUnixTimeSeconds(unixTime);

        Assert.Equal(unixTime / 30, TotpCodes.MatchingStep(seed, code, at.AddSeconds(30), algorithm));
        Assert.Equal(unixTime / 30, TotpCodes.MatchingStep(seed, code, at.AddSeconds(-30), algorithm));
        Assert.Null(TotpCodes.MatchingStep(seed, code, at.AddSeconds(60), algorithm));
        Assert.Null(TotpCodes.MatchingStep(seed, code, at.AddSeconds(-60), algorithm));
    }

    [Fact]
    public void PeoplesAuthenticatorsUseSixDigitSha1CodesEveryThirtySeconds()
    {
        var uri = TotpCodes.EnrolmentUri(Sha1Seed, "alice", "Switchboard", TotpAlgorithm.Default);

        Assert.Equal("otpauth://totp/Switchboard:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Switchboard&algorithm=SHA1&digits=6&period=30", uri.ToString());
    }

    private static (byte[] Seed, TotpAlgorithm Algorithm) Rfc(string mode) => mode switch
    {
        "SHA1" => (Sha1Seed, new TotpAlgorithm(OtpHashMode.Sha1, 8, 30)),
        "SHA256" => (Sha256Seed, new TotpAlgorithm(OtpHashMode.Sha256, 8, 30)),
        _ => (Sha512Seed, new TotpAlgorithm(OtpHashMode.Sha512, 8, 30)),
    };
}
