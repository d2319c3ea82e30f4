using System.Net;
using System.Text.RegularExpressions;

namespace Switchboard.Testing;

/// <summary>
/// The browser's trip through an OAuth flow: Connect on the console page, the page that refreshes to the
/// service's authorize page (where the emulator's scripted person authorizes at once), and back to the console's callback.
/// </summary>
public static partial class ServiceAuthorization
{
    /// <summary>Presses Connect and lets the service answer; returns where the service sends the browser back to.</summary>
    public static async Task<Uri> AuthorizeAsync(ConsoleSession browser, string service, CancellationToken cancellationToken)
    {
        var page = await browser.GetAsync($"/connect/{service}", cancellationToken);
        Assert.True(page.Status == HttpStatusCode.OK, $"The connect page answered {page.Status}: {page.Text}");
        var started = await browser.SubmitAsync($"/connect/{service}", page, [], cancellationToken);
        Assert.True(started.Status == HttpStatusCode.OK, $"Connect answered {started.Status}: {started.Text}");
        var authorize = AuthorizeLink().Match(started.Html);
        Assert.True(authorize.Success, $"Connect sent the browser nowhere:\n{started.Html}");
        Assert.Contains("<meta http-equiv=\"refresh\" content=\"0;url=", started.Html, StringComparison.Ordinal);

        using var atService = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var authorized = await atService.GetAsync(new Uri(WebUtility.HtmlDecode(authorize.Groups[1].Value)), cancellationToken);
        Assert.True(authorized.StatusCode == HttpStatusCode.Redirect, $"The service's authorize page answered {authorized.StatusCode}");
        var back = authorized.Headers.Location!;
        Assert.StartsWith(new Uri(SwitchboardHost.PublicUrl, $"connect/{service}/callback?").AbsoluteUri, back.AbsoluteUri, StringComparison.Ordinal);
        return back;
    }

    /// <summary>Follows the service's redirect back to the console, which Switchboard knows by its public address.</summary>
    public static Task<ConsolePage> ReturnAsync(ConsoleSession browser, Uri callback, CancellationToken cancellationToken) =>
        browser.GetAsync(callback.PathAndQuery, cancellationToken);

    [GeneratedRegex("href=\"([^\"]+)\" data-authorize")]
    private static partial Regex AuthorizeLink();

    public static async Task<ConsolePage> ConnectAsync(ConsoleSession browser, string service, CancellationToken cancellationToken) =>
        await ReturnAsync(browser, await AuthorizeAsync(browser, service, cancellationToken), cancellationToken);
}
