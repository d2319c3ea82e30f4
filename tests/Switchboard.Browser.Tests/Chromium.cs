using Microsoft.Playwright;
using Switchboard.Testing;

namespace Switchboard.Browser.Tests;

/// <summary>
/// One Chromium for the whole assembly: Debian's own, never a browser Playwright downloads. Each test
/// opens its own context, so cookies and sessions never leak from one test to the next.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    private const string DefaultPath = "/usr/bin/chromium";

    // Playwright's default of 5 s for an expectation assumes an idle machine; CI has two busy cores.
    private const float ExpectTimeout = 15_000;

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async ValueTask InitializeAsync()
    {
        var path = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured ? configured : DefaultPath;
        // Fail, never skip: a browser suite that quietly runs nothing would pass on a machine without a browser.
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"Chromium is not installed at {path}: run `apt-get install chromium` (or set CHROMIUM_PATH to a Chromium binary).");
        }

        Assertions.SetDefaultExpectTimeout(ExpectTimeout);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = path, Args = ["--disable-gpu"] });
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>A fresh browser profile, with relative addresses resolved against the host's console.</summary>
    public async Task<ConsoleBrowser> OpenAsync(SwitchboardHost host, BrowserNewContextOptions? options = null)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions(options ?? new())
        {
            BaseURL = host.ConsoleUrl(),
        });
        return await ConsoleBrowser.OpenAsync(context);
    }
}
