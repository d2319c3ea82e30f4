using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Switchboard.Testing;

/// <summary>
/// A browser without a browser: the web console over plain HTTP, posting its forms with the
/// antiforgery token each page carries and keeping its cookies (even Secure ones, as a browser does on localhost).
/// </summary>
public sealed partial class ConsoleSession : IDisposable
{
    private readonly Dictionary<string, string> _cookies = [];
    private readonly HttpClient _http;

    public ConsoleSession(Uri baseAddress, string userAgent = "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 Safari/537.36")
    {
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = baseAddress };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
    }

    public IReadOnlyDictionary<string, string> Cookies => _cookies;

    /// <summary>Opens a sign-in link and presses its button, as a person does.</summary>
    public async Task<ConsolePage> SignInAsync(Uri link, CancellationToken cancellationToken)
    {
        var page = await GetAsync(link.PathAndQuery, cancellationToken);
        Assert.True(page.Status == HttpStatusCode.OK, $"The sign-in link answered {page.Status}: {page.Html}");
        return await SubmitAsync(link.PathAndQuery, page, [], cancellationToken);
    }

    public async Task<ConsolePage> GetAsync(string path, CancellationToken cancellationToken, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        return await SendAsync(request, cancellationToken);
    }

    /// <summary>Types a command into the console's box and runs it.</summary>
    public async Task<ConsolePage> RunAsync(string line, CancellationToken cancellationToken)
    {
        var console = await GetAsync("/", cancellationToken);
        // The box's own key: a reply's buttons above it carry theirs in fields of the same name.
        var key = CommandBoxKey().Match(console.Html);
        Assert.True(key.Success, $"The console has no command box:\n{console.Html}");
        return await SubmitAsync("/", console, [new("line", line), new("key", WebUtility.HtmlDecode(key.Groups[1].Value))], cancellationToken);
    }

    /// <summary>Posts a form as the page that holds it would: with that page's antiforgery token.</summary>
    public async Task<ConsolePage> SubmitAsync(string path, ConsolePage from, IEnumerable<KeyValuePair<string, string>> fields, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent([new("__RequestVerificationToken", from.FormValue("__RequestVerificationToken")), .. fields]),
        };
        return await SendAsync(request, cancellationToken);
    }

    /// <summary>Sends a request as this browser, with its cookies, and follows redirects like one.</summary>
    public async Task<ConsolePage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        using var response = await _http.SendAsync(request, cancellationToken);
        Keep(response);
        if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther && response.Headers.Location is { } location)
        {
            var redirected = await GetAsync(location.OriginalString, cancellationToken);
            return redirected with { RedirectedFrom = request.RequestUri!.OriginalString, RedirectedTo = location.OriginalString };
        }

        return new ConsolePage(response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken), response.Headers);
    }

    /// <summary>Opens a live stream with this browser's cookies, returning as soon as the headers arrive.</summary>
    public Task<HttpResponseMessage> OpenStreamAsync(string path, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/event-stream");
        request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        return _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private void Keep(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var cookies))
        {
            return;
        }

        foreach (var cookie in cookies)
        {
            var nameValue = cookie.Split(';')[0].Split('=', 2);
            if (nameValue[1].Length == 0 || cookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
            {
                _cookies.Remove(nameValue[0]);
            }
            else
            {
                _cookies[nameValue[0]] = nameValue[1];
            }
        }
    }

    [GeneratedRegex("<form class=\"command\"[\\s\\S]*?name=\"key\" value=\"([^\"]*)\"")]
    private static partial Regex CommandBoxKey();
}

/// <summary>A console page as the server rendered it, read through the data attributes the console puts on replies.</summary>
public sealed partial record ConsolePage(HttpStatusCode Status, string Html, System.Net.Http.Headers.HttpResponseHeaders Headers)
{
    public string? RedirectedFrom { get; init; }

    public string? RedirectedTo { get; init; }

    /// <summary>The newest reply on the page, as JSON, or null when the newest entry is an error.</summary>
    public JsonElement? LastReply => LastEntry() is { } entry && ReplyAttribute().Match(entry) is { Success: true } match
        ? JsonDocument.Parse(WebUtility.HtmlDecode(match.Groups[1].Value)).RootElement.Clone()
        : null;

    /// <summary>The code of the newest entry's error, when it is one.</summary>
    public string? LastErrorCode => LastEntry() is { } entry && ErrorAttribute().Match(entry) is { Success: true } match ? match.Groups[1].Value : null;

    /// <summary>Every reply on the page, oldest first.</summary>
    public IReadOnlyList<JsonElement> Replies => ReplyAttribute().Matches(Html)
        .Select(m => JsonDocument.Parse(WebUtility.HtmlDecode(m.Groups[1].Value)).RootElement.Clone())
        .ToList();

    /// <summary>The value of the first hidden or text input with this name.</summary>
    public string FormValue(string name)
    {
        var match = Regex.Match(Html, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"");
        Assert.True(match.Success, $"The page has no form field '{name}':\n{Html}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>The id of the newest message on a channel page, 0 when it has none.</summary>
    public long LastMessageId => Regex.Match(Html, "data-stream=\"[^\"]*\" data-after=\"(\\d+)\"") is { Success: true } match ? long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;

    /// <summary>The values of every field with this name, in page order: one per button, for buttons.</summary>
    public IReadOnlyList<string> FormValues(string name) =>
        Regex.Matches(Html, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

    /// <summary>The text of the page without its markup, for asserting on what a person reads.</summary>
    public string Text => Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(Html, " ")), " ");

    private string? LastEntry()
    {
        var start = Html.LastIndexOf("<article class=\"entry\"", StringComparison.Ordinal);
        return start < 0 ? null : Html[start..];
    }

    [GeneratedRegex("data-reply=\"([^\"]*)\"")]
    private static partial Regex ReplyAttribute();

    [GeneratedRegex("data-error-code=\"([^\"]*)\"")]
    private static partial Regex ErrorAttribute();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
