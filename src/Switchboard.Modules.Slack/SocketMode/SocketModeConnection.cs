using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Switchboard.Core.Errors;
using Switchboard.Modules.Slack.Inbound;

namespace Switchboard.Modules.Slack.SocketMode;

/// <summary>
/// One Socket Mode WebSocket: reads Slack's messages until it closes, appends each envelope's request to the event log
/// and only then sends back its <c>envelope_id</c>, several envelopes at once so one slow append holds up no other.
/// </summary>
internal sealed class SocketModeConnection : IAsyncDisposable
{
    /// <summary>Far above any envelope Slack sends (a request is at most <see cref="SlackEndpoints.MaxBodyBytes"/>).</summary>
    private const int MaxMessageBytes = 2 * (int)SlackEndpoints.MaxBodyBytes;

    private const string EndpointName = "socket_mode";

    private readonly ClientWebSocket _socket;
    private readonly SlackIngress _ingress;
    private readonly SlackInboundTelemetry _telemetry;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _closing;
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly TaskCompletionSource _refreshRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, Task> _handling = new(StringComparer.Ordinal);

    private SocketModeConnection(ClientWebSocket socket, SlackIngress ingress, SlackInboundTelemetry telemetry, ILogger logger, CancellationToken stoppingToken)
    {
        _socket = socket;
        _ingress = ingress;
        _telemetry = telemetry;
        _logger = logger;
        _closing = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        Ended = Task.Run(ReadAsync, CancellationToken.None);
    }

    /// <summary>Completes when the connection is closed, by Slack, by the network or by <see cref="CloseAfter"/>.</summary>
    public Task Ended { get; }

    /// <summary>Completes when Slack says it will close this connection and wants another opened.</summary>
    public Task RefreshRequested => _refreshRequested.Task;

    /// <summary>Whether Slack said <c>hello</c>: a connection that closes before that was never really open.</summary>
    public bool WasGreeted { get; private set; }

    /// <returns>The open connection, or null when the WebSocket could not be opened.</returns>
    public static async Task<SocketModeConnection?> ConnectAsync(
        Uri url, SlackIngress ingress, SlackInboundTelemetry telemetry, ILogger logger, CancellationToken stoppingToken)
    {
        var socket = new ClientWebSocket();

        // Pings find a connection that went quiet without closing (a NAT that forgot it), which reads alone never notice.
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(30);
        socket.Options.KeepAliveTimeout = TimeSpan.FromSeconds(30);
        try
        {
            await socket.ConnectAsync(url, stoppingToken);
            return new SocketModeConnection(socket, ingress, telemetry, logger, stoppingToken);
        }
        catch (Exception exception) when (exception is WebSocketException or HttpRequestException)
        {
            logger.SocketModeNotConnected(exception.Message);
            socket.Dispose();
            return null;
        }
    }

    /// <summary>Lets the connection finish what it carries for <paramref name="overlap"/>, then closes it.</summary>
    public void CloseAfter(TimeSpan overlap) => _closing.CancelAfter(overlap);

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        await Ended;
        _socket.Dispose();
        _closing.Dispose();
        _sending.Dispose();
    }

    private async Task ReadAsync()
    {
        var message = new ArrayBufferWriter<byte>();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                message.ResetWrittenCount();
                ValueWebSocketReceiveResult received;
                var tooLarge = false;
                do
                {
                    received = await _socket.ReceiveAsync(message.GetMemory(16 * 1024), _closing.Token);
                    message.Advance(received.Count);
                    if (message.WrittenCount > MaxMessageBytes)
                    {
                        tooLarge = true;
                        message.ResetWrittenCount();
                    }
                }
                while (!received.EndOfMessage);

                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, _closing.Token);
                    break;
                }

                Receive(tooLarge ? null : SocketModeMessage.Parse(message.WrittenMemory));
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            if (!_closing.IsCancellationRequested)
            {
                _logger.SocketModeLost(exception.Message);
            }
        }

        await Task.WhenAll(_handling.Values);
    }

    private void Receive(SocketModeMessage? message)
    {
        switch (message)
        {
            case null:
                _logger.SocketModeMessageDropped(MaxMessageBytes);
                break;
            case { Type: SocketModeMessage.Hello }:
                WasGreeted = true;
                _logger.SocketModeConnected();
                break;
            case { Type: SocketModeMessage.Disconnect }:
                _logger.SocketModeRefreshRequested(message.Reason ?? "unknown");
                _refreshRequested.TrySetResult();
                break;
            case { EnvelopeId: { } envelopeId }:
                var handling = HandleAsync(envelopeId, message);
                _handling[envelopeId] = handling;
                _ = handling.ContinueWith(_ => _handling.TryRemove(envelopeId, out var _), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
                break;
            default:
                break;
        }
    }

    private async Task HandleAsync(string envelopeId, SocketModeMessage envelope)
    {
        await Task.Yield();
        var outcome = "ignored";
        if (envelope.AsRequest() is var (body, keys))
        {
            (outcome, var refusal) = await _ingress.AppendAsync(keys, body);

            // Not acknowledged, so Slack sends it again; anything else acknowledged, since no resend would change it.
            if (refusal is { Kind: ErrorKind.Unavailable })
            {
                _telemetry.Received(EndpointName, outcome);
                return;
            }

            if (refusal is not null)
            {
                _logger.SocketModeEnvelopeRefused(envelope.Type, refusal.Code);
            }
        }

        _telemetry.Received(EndpointName, outcome);
        await AcknowledgeAsync(envelopeId);
    }

    private async Task AcknowledgeAsync(string envelopeId)
    {
        var acknowledgement = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["envelope_id"] = envelopeId });
        try
        {
            await _sending.WaitAsync(_closing.Token);
            try
            {
                await _socket.SendAsync(acknowledgement, WebSocketMessageType.Text, endOfMessage: true, _closing.Token);
            }
            finally
            {
                _sending.Release();
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The request is in the log; Slack sends the envelope again, and the log knows it by its key.
            _logger.SocketModeAcknowledgementLost(envelopeId);
        }
    }
}
