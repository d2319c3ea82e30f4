using System.Security.Cryptography;
using OtpNet;

namespace Switchboard.Modules.Trust.Factors;

/// <summary>
/// RFC 6238 codes through Otp.NET: the verifier the host uses. A code of the current time step, the one
/// before or the one after is accepted (RFC 6238 §5.2: one step of clock drift or network delay).
/// </summary>
internal static class TotpCodes
{
    public const int SecretBytes = 20;

    private static readonly VerificationWindow OneStepEitherWay = new(previous: 1, future: 1);

    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(SecretBytes);

    public static string Base32(byte[] secret) => Base32Encoding.ToString(secret);

    /// <summary>The <c>otpauth://totp/...</c> URI authenticator apps read from a QR code.</summary>
    public static Uri EnrolmentUri(byte[] secret, string account, string issuer, TotpAlgorithm algorithm) =>
        new OtpUri(OtpType.Totp, secret, account, issuer, algorithm.HashMode, algorithm.Digits, algorithm.PeriodSeconds).ToUri();

    /// <returns>The time step the code belongs to, or null when it matches none within one step of <paramref name="now"/>.</returns>
    public static long? MatchingStep(byte[] secret, string code, DateTimeOffset now, TotpAlgorithm algorithm)
    {
        var totp = new Totp(secret, algorithm.PeriodSeconds, algorithm.HashMode, algorithm.Digits);
        return code.Length == algorithm.Digits && totp.VerifyTotp(now.UtcDateTime, code, out var step, OneStepEitherWay) ? step : null;
    }
}

/// <summary>How codes are made from a secret; people's authenticators use <see cref="Default"/>, which every app supports.</summary>
internal sealed record TotpAlgorithm(OtpHashMode HashMode, int Digits, int PeriodSeconds)
{
    public static TotpAlgorithm Default { get; } = new(OtpHashMode.Sha1, 6, 30);
}
