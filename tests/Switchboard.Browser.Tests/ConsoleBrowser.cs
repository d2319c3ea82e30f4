using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Switchboard.Browser.Tests;

/// <summary>One person's browser on the console: a context of its own with one tab, and what its scripts complained about.</summary>
public sealed partial class ConsoleBrowser : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly ConcurrentQueue<string> _errors = new();

    private ConsoleBrowser(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        context.Console += (_, message) =>
        {
            if (message.Type == "error" && !IsAboutTheIcon(message.Location))
            {
                _errors.Enqueue($"{message.Text} ({message.Location})");
            }
        };
        context.WebError += (_, error) => _errors.Enqueue(error.Error);
    }

    public IPage Page { get; }

    /// <summary>
    /// What the browser's console reported as errors, and scripts that threw: a script the page's CSP
    /// blocked, a live stream that failed, or a page that answered with an error status.
    /// </summary>
    public IReadOnlyCollection<string> Errors => _errors;

    /// <summary>The newest command and its reply in the console's transcript.</summary>
    public ILocator LastEntry => Page.Locator("article.entry").Last;

    /// <summary>The signed-in person's handle, as the header shows it.</summary>
    public ILocator Me => Page.Locator("header .me");

    public static async Task<ConsoleBrowser> OpenAsync(IBrowserContext context) => new(context, await context.NewPageAsync());

    /// <summary>Opens a sign-in link and presses its button, as a person does, and waits for the console.</summary>
    public async Task SignInAsync(Uri link)
    {
        // The link names the configured public address; this browser talks to the test server.
        await Page.GotoAsync(link.PathAndQuery);
        await Page.GetByRole(AriaRole.Button, new() { NameRegex = SignInButton() }).ClickAsync();
        await Expect(Me).ToBeVisibleAsync();
    }

    /// <summary>Types a command into the console's box, presses Enter and waits for its entry in the transcript.</summary>
    public async Task RunAsync(string line)
    {
        var entries = Page.Locator("article.entry");
        var before = await entries.CountAsync();
        await Page.Locator("#line").FillAsync(line);
        await Page.Locator("#line").PressAsync("Enter");
        await Expect(entries).ToHaveCountAsync(before + 1);
    }

    /// <summary>A full-page picture for people to look at, under <c>artifacts/screenshots</c>.</summary>
    public Task ScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathFor(name), FullPage = true });

    public async ValueTask DisposeAsync() => await _context.CloseAsync();

    // The console serves /favicon.svg, but a browser may still ask for /favicon.ico on its own.
    private static bool IsAboutTheIcon(string location) => location.Contains("/favicon.", StringComparison.Ordinal);

    [GeneratedRegex("^Sign in as @")]
    private static partial Regex SignInButton();
}
