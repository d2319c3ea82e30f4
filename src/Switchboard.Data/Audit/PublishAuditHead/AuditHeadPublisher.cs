using System.Net.Http.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Switchboard.Data.Audit.PublishAuditHead;

/// <summary>
/// Publishes the chain's newest link outside the database after every append batch: a log line always, the
/// head file and the webhook when configured. Someone who can rewrite the table can then still not delete
/// the newest entries unseen, because <c>audit verify</c> compares the chain's end with what was published.
/// Publishing never fails an append: the entries are committed by then, and the next batch publishes again.
/// </summary>
internal sealed class AuditHeadPublisher(IOptions<AuditOptions> options, IHttpClientFactory http, ILogger<AuditHeadPublisher> logger)
    : IAsyncDisposable
{
    public const string HttpClientName = "audit-head";

    // Only the newest head matters: a slow endpoint is sent the latest one, never a backlog.
    private readonly Channel<AuditHead> _toPost = Channel.CreateBounded<AuditHead>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private readonly Lock _startLock = new();
    private Task? _poster;
    private AuditHead? _published;
    private bool _publishedRead;

    /// <summary>Called by the single audit writer once a batch has committed.</summary>
    /// <param name="before">The chain's head that the batch was appended to, as the database gave it.</param>
    /// <param name="after">The batch's last entry, the new head.</param>
    public void Publish(AuditHead before, AuditHead after)
    {
        logger.AuditHeadPublished(after.Sequence, after.Hash);
        var settings = options.Value;
        if (!string.IsNullOrWhiteSpace(settings.HeadFile) && MovesForward(settings.HeadFile, before))
        {
            WriteHeadFile(settings.HeadFile, after);
        }

        if (settings.HeadWebhook is { } webhook)
        {
            _toPost.Writer.TryWrite(after);
            EnsurePosterStarted(webhook);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _toPost.Writer.TryComplete();
        if (_poster is not null)
        {
            await _poster;
        }
    }

    /// <summary>Reads the head file, for <c>audit verify</c>.</summary>
    public static async Task<(AuditHead? Head, string? Problem)> ReadHeadFileAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return (null, $"the head file {path} does not exist");
        }

        var text = await File.ReadAllTextAsync(path, cancellationToken);
        return AuditHead.TryParse(text, out var head) ? (head, null) : (null, $"the head file {path} does not hold sequence:hash");
    }

    /// <summary>
    /// Whether the batch was appended where the last published head left the chain. When the database's head
    /// is behind it or differs from it, entries were deleted or rewritten: the file keeps the head it has, so
    /// <c>audit verify</c> goes on reporting it, until an operator who has looked into it removes the file.
    /// </summary>
    private bool MovesForward(string path, AuditHead before)
    {
        if (!_publishedRead)
        {
            try
            {
                _published = File.Exists(path) && AuditHead.TryParse(File.ReadAllText(path), out var read) ? read : null;
                _publishedRead = true;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                logger.AuditHeadFileFailed(exception, path);
                return false;
            }
        }

        if (_published is { } published
            && (before.Sequence < published.Sequence || (before.Sequence == published.Sequence && before.Hash != published.Hash)))
        {
            logger.AuditHeadWentBack(published.Sequence, published.Hash, before.Sequence, path);
            return false;
        }

        return true;
    }

    private void WriteHeadFile(string path, AuditHead head)
    {
        // Written beside it and renamed over it, so a reader sees the old head or the new one, never half of one.
        var temporary = path + ".tmp";
        try
        {
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            using (var writer = new StreamWriter(file))
            {
                writer.Write(head.ToString());
                writer.Flush();
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
            _published = head;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            logger.AuditHeadFileFailed(exception, path);
        }
    }

    private void EnsurePosterStarted(Uri webhook)
    {
        if (_poster is not null)
        {
            return;
        }

        lock (_startLock)
        {
            _poster ??= Task.Run(() => PostUntilClosedAsync(webhook));
        }
    }

    private async Task PostUntilClosedAsync(Uri webhook)
    {
        var client = http.CreateClient(HttpClientName);
        await foreach (var head in _toPost.Reader.ReadAllAsync())
        {
            try
            {
                // "text" makes the body a chat message too: a Slack or Mattermost incoming webhook, outside Switchboard's reach, can be the witness.
                var body = new { text = $"Audit chain head: {head}", sequence = head.Sequence, hash = head.Hash };
                using var response = await client.PostAsJsonAsync(webhook, body);
                if (!response.IsSuccessStatusCode)
                {
                    logger.AuditHeadWebhookRefused(head.Sequence, (int)response.StatusCode);
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                logger.AuditHeadWebhookFailed(exception, head.Sequence);
            }
        }
    }
}
