using QRCoder;

namespace Switchboard.Server.WebConsole;

/// <summary>QR codes for links a phone should open, such as an authenticator app's <c>otpauth://</c> enrolment link.</summary>
internal static class QrCodes
{
    /// <summary>A PNG as a <c>data:</c> URL: the console's content security policy allows data images and no inline markup.</summary>
    public static string PngDataUrl(Uri link)
    {
        using var generator = new QRCodeGenerator();
        using var code = generator.CreateQrCode(link.ToString(), QRCodeGenerator.ECCLevel.M);
        return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(code).GetGraphic(pixelsPerModule: 5));
    }
}
