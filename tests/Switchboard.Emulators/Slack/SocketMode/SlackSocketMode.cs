using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Switchboard.Emulators.Slack.SocketMode;

/// <summary>
/// Slack's side of Socket Mode (https://docs.slack.dev/apis/events-api/using-socket-mode): <c>apps.connections.open</c>
/// hands out one-use WebSocket addresses, each connection is greeted with <c>hello</c>, envelopes go out with an
/// <c>envelope_id</c> the app sends back to acknowledge, and Slack can ask for a refresh (<c>disconnect</c> with
/// <c>refresh_requested</c>, the old connection closed a while later) or lose a connection outright. Like Slack, the
/// emulator sends each envelope to one of the app's open connections, the newest.
/// </summary>
public sealed class SlackSocketMode
{
    public const string LinkPath = "/link/";

    private readonly Lock _lock = new();
    private readonly HashSet<string> _tickets = new(StringComparer.Ordinal);
    private readonly List<Link> _links = [];
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _acknowledgements = new(StringComparer.Ordinal);
    private int _opened;

    /// <summary>How many connections the app has opened, ever.</summary>
    public int ConnectionsOpened => Volatile.Read(ref _opened);

    /// <summary>How many are open now.</summary>
    public int OpenConnections
    {
        get
        {
            lock (_lock)
            {
                return _links.Count;
            }
        }
    }

    /// <summary>A new address for one connection, on the emulator's own host, as <c>apps.connections.open</c> answers.</summary>
    public string IssueUrl(HostString host)
    {
        var ticket = Guid.NewGuid().ToString("N");
        lock (_lock)
        {
            _tickets.Add(ticket);
        }

        return $"ws://{host}{LinkPath}?ticket={ticket}&app_id=A0SWITCHBD";
    }

    /// <summary>Waits until at least <paramref name="count"/> connections have been opened, ever.</summary>
    public async Task WaitForConnectionsOpenedAsync(int count, TimeSpan patience, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(patience);
        while (ConnectionsOpened < count || OpenConnections == 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
        }
    }

    /// <summary>
    /// Sends an envelope of <paramref name="type"/> (<c>events_api</c>, <c>slash_commands</c>, <c>interactive</c>) to the
    /// newest connection; <paramref name="retryAttempt"/> above 0 is Slack sending an unacknowledged one again.
    /// </summary>
    /// <returns>Its <c>envelope_id</c>.</returns>
    public async Task<string> SendAsync(string type, object payload, CancellationToken cancellationToken, int retryAttempt = 0)
    {
        Link link;
        lock (_lock)
        {
            link = _links.LastOrDefault() ?? throw new InvalidOperationException("Switchboard has no Socket Mode connection open.");
        }

        var envelopeId = Guid.NewGuid().ToString();
        _acknowledgements[envelopeId] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await link.SendAsync(
            new JsonObject
            {
                ["envelope_id"] = envelopeId,
                ["payload"] = JsonSerializer.SerializeToNode(payload),
                ["type"] = type,
                ["accepts_response_payload"] = type != "events_api",
                ["retry_attempt"] = retryAttempt,
                ["retry_reason"] = retryAttempt == 0 ? "" : "timeout",
            },
            cancellationToken);
        return envelopeId;
    }

    /// <returns>Whether the app acknowledged the envelope within <paramref name="patience"/>.</returns>
    public async Task<bool> WaitForAcknowledgementAsync(string envelopeId, TimeSpan patience, CancellationToken cancellationToken)
    {
        try
        {
            await _acknowledgements[envelopeId].Task.WaitAsync(patience, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>
    /// Asks the app to open a new connection (<c>disconnect</c>, <c>refresh_requested</c>) on every open one, and closes
    /// those after <paramref name="closeAfter"/>, as Slack does a few seconds after its warning.
    /// </summary>
    public async Task RequestRefreshAsync(TimeSpan closeAfter, CancellationToken cancellationToken)
    {
        List<Link> links;
        lock (_lock)
        {
            links = [.. _links];
        }

        foreach (var link in links)
        {
            await link.SendAsync(new JsonObject { ["type"] = "disconnect", ["reason"] = "refresh_requested", ["debug_info"] = new JsonObject { ["host"] = "applink-emulator" } }, cancellationToken);
            link.CloseAfter(closeAfter);
        }
    }

    /// <summary>Drops every connection without a closing handshake, as a network that fails does.</summary>
    public void DropAll()
    {
        lock (_lock)
        {
            foreach (var link in _links)
            {
                link.Abort();
            }
        }
    }

    /// <summary>Serves one connection: checks the one-use ticket, greets, and reads acknowledgements until it closes.</summary>
    internal async Task AcceptAsync(HttpContext context)
    {
        var ticket = context.Request.Query["ticket"].ToString();
        bool known;
        lock (_lock)
        {
            known = _tickets.Remove(ticket);
        }

        if (!context.WebSockets.IsWebSocketRequest || !known)
        {
            context.Response.StatusCode = known ? StatusCodes.Status400BadRequest : StatusCodes.Status401Unauthorized;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var link = new Link(socket, context.RequestAborted);
        lock (_lock)
        {
            _links.Add(link);
        }

        Interlocked.Increment(ref _opened);
        try
        {
            await link.SendAsync(
                new JsonObject
                {
                    ["type"] = "hello",
                    ["num_connections"] = OpenConnections,
                    ["debug_info"] = new JsonObject { ["host"] = "applink-emulator", ["approximate_connection_time"] = 18060 },
                    ["connection_info"] = new JsonObject { ["app_id"] = "A0SWITCHBD" },
                },
                context.RequestAborted);
            await foreach (var message in link.ReadAsync())
            {
                if (message["envelope_id"]?.GetValue<string>() is { } envelopeId && _acknowledgements.TryGetValue(envelopeId, out var acknowledged))
                {
                    acknowledged.TrySetResult();
                }
            }
        }
        finally
        {
            lock (_lock)
            {
                _links.Remove(link);
            }
        }
    }

    /// <summary>One open connection; sends one message at a time, as a WebSocket requires.</summary>
    private sealed class Link(WebSocket socket, CancellationToken aborted) : IDisposable
    {
        private readonly SemaphoreSlim _sending = new(1, 1);

        public async Task SendAsync(JsonObject message, CancellationToken cancellationToken)
        {
            await _sending.WaitAsync(cancellationToken);
            try
            {
                await socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            }
            finally
            {
                _sending.Release();
            }
        }

        /// <summary>Starts the closing handshake after <paramref name="delay"/>; the read ends when the app answers it.</summary>
        public void CloseAfter(TimeSpan delay) => _ = CloseLaterAsync(delay);

        public void Abort() => socket.Abort();

        public void Dispose() => _sending.Dispose();

        public async IAsyncEnumerable<JsonObject> ReadAsync()
        {
            var buffer = new byte[64 * 1024];
            while (socket.State == WebSocketState.Open)
            {
                using var message = new MemoryStream();
                ValueWebSocketReceiveResult received;
                try
                {
                    do
                    {
                        received = await socket.ReceiveAsync(buffer.AsMemory(), aborted);
                        message.Write(buffer, 0, received.Count);
                    }
                    while (!received.EndOfMessage);
                }
                catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
                {
                    break;
                }

                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                if (JsonNode.Parse(message.ToArray()) is JsonObject parsed)
                {
                    yield return parsed;
                }
            }
        }

        private async Task CloseLaterAsync(TimeSpan delay)
        {
            try
            {
                await Task.Delay(delay, aborted);
                await _sending.WaitAsync(aborted);
                try
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "refresh", aborted);
                }
                finally
                {
                    _sending.Release();
                }
            }
            catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The connection ended before its time came.
            }
        }
    }
}
