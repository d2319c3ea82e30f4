using System.Net.ServerSentEvents;

namespace Switchboard.Testing;

/// <summary>A console page's live feed, read as the browser's EventSource reads it.</summary>
public sealed class EventStream : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private readonly HttpResponseMessage _response;
    private readonly IAsyncEnumerator<SseItem<string>> _events;

    /// <summary>The last read asked for, which may still be waiting for the server after the test gave up on it.</summary>
    private Task<bool>? _reading;

    private EventStream(HttpResponseMessage response, IAsyncEnumerator<SseItem<string>> events)
    {
        _response = response;
        _events = events;
    }

    public static async Task<EventStream> OpenAsync(ConsoleSession browser, string path, CancellationToken cancellationToken)
    {
        var response = await browser.OpenStreamAsync(path, cancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        return new EventStream(response, SseParser.Create(body).EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken));
    }

    /// <summary>The next event, failing the test if none comes in time.</summary>
    public async Task<SseItem<string>> NextAsync(CancellationToken cancellationToken) =>
        await NextOrEndAsync(cancellationToken) ?? throw new InvalidOperationException("The stream ended.");

    /// <summary>The next event, or null when the server ended the stream.</summary>
    public async Task<SseItem<string>?> NextOrEndAsync(CancellationToken cancellationToken)
    {
        _reading = _events.MoveNextAsync().AsTask();
        return await _reading.WaitAsync(Patience, cancellationToken) ? _events.Current : null;
    }

    /// <remarks>
    /// The parser's enumerator refuses to be disposed while a read is under way (<see cref="NotSupportedException"/>), so the
    /// response goes first: that ends any read still waiting, and the enumerator is disposed once it has.
    /// </remarks>
    public async ValueTask DisposeAsync()
    {
        _response.Dispose();
        if (_reading is { IsCompleted: false } reading)
        {
            await Task.WhenAny(reading, Task.Delay(Patience));
        }

        await _events.DisposeAsync();
    }
}
