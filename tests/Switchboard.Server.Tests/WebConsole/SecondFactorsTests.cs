using System.Net;
using System.Text.Json;
using OtpNet;
using QRCoder;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.WebConsole;

/// <summary>Second factors in the web console: the enrolment QR code, and a waiting command resumed by <c>verify</c>.</summary>
public sealed class SecondFactorsTests(SqliteHost host) : IClassFixture<SqliteHost>
{
    [Fact]
    public async Task EnrollingShowsTheLinkAsAQrCodeOnceAndNeverKeepsItInTheScrollback()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var browser = await host.SignInAsync("qr@example.com", cancellationToken);

        var page = await browser.RunAsync("factors enroll totp", cancellationToken);
        var link = Link(page.LastReply!.Value);
        var later = await browser.GetAsync("/", cancellationToken);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.StartsWith("otpauth://totp/Switchboard:qr?secret=", link, StringComparison.Ordinal);
        Assert.Contains($"<img src=\"{ExpectedQrCode(link)}\"", WebUtility.HtmlDecode(page.Html), StringComparison.Ordinal);
        Assert.Contains($"href=\"{link}\"", WebUtility.HtmlDecode(page.Html), StringComparison.Ordinal);
        Assert.DoesNotContain("otpauth://", later.Html, StringComparison.Ordinal);
        Assert.Contains("This reply showed a secret once; it is not kept.", later.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACommandRefusedForWantOfASecondFactorRunsWhenTheConsoleVerifies()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var browser = await host.SignInAsync("stepup@example.com", cancellationToken);
        var enrolled = await browser.RunAsync("factors enroll totp", cancellationToken);
        var app = new Totp(Base32Encoding.ToBytes(Field(enrolled.LastReply!.Value, "Secret")));
        await browser.RunAsync($"factors confirm totp {app.ComputeTotp(host.Clock.GetUtcNow().UtcDateTime)}", cancellationToken);
        host.Clock.Advance(TimeSpan.FromSeconds(30));

        var refused = await browser.RunAsync("factors remove totp", cancellationToken);
        var verified = await browser.RunAsync($"verify {app.ComputeTotp(host.Clock.GetUtcNow().UtcDateTime)}", cancellationToken);

        Assert.Equal((HttpStatusCode.Forbidden, "core.verification-required"), (refused.Status, refused.LastErrorCode));
        Assert.Contains("Run `verify` with the code your authenticator app shows", refused.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, verified.Status);
        Assert.Contains("Resumed factors remove totp", verified.Text, StringComparison.Ordinal);
        Assert.Contains("Removed your authenticator app", verified.Text, StringComparison.Ordinal);
    }

    /// <summary>The same link drawn by the same library: the picture encodes exactly the link beside it.</summary>
    private static string ExpectedQrCode(string link)
    {
        using var generator = new QRCodeGenerator();
        using var code = generator.CreateQrCode(link, QRCodeGenerator.ECCLevel.M);
        return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(code).GetGraphic(5));
    }

    private static string Link(JsonElement reply) =>
        reply.GetProperty("blocks").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "link").GetProperty("url").GetString()!;

    private static string Field(JsonElement reply, string name) =>
        reply.GetProperty("blocks").EnumerateArray()
            .Where(b => b.GetProperty("type").GetString() == "fields")
            .SelectMany(b => b.GetProperty("fields").EnumerateArray())
            .Single(f => f.GetProperty("name").GetString() == name)
            .GetProperty("value").GetString()!;
}
