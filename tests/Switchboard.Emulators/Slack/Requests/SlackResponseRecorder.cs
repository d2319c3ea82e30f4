using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Switchboard.Emulators.Slack.Requests;

/// <summary>
/// Where Slack takes an app's answers to slash commands and clicks, on loopback: <c>response_url</c>s
/// (<c>/commands/{team}/{id}/{secret}</c> and <c>/actions/...</c>, answered <c>ok</c> as Slack answers them). Every
/// post is kept, in order, for a test to wait for and read. The Web API is <see cref="WebApi.SlackWebApiEmulator"/>'s.
/// https://docs.slack.dev/interactivity/handling-user-interaction#message_responses
/// </summary>
public sealed class SlackResponseRecorder : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<RecordedSlackPost> _posts = [];
    private readonly Channel<RecordedSlackPost> _arrivals = Channel.CreateUnbounded<RecordedSlackPost>();

    private SlackResponseRecorder(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Every post so far, in the order they arrived.</summary>
    public IReadOnlyList<RecordedSlackPost> Posts
    {
        get
        {
            lock (_posts)
            {
                return [.. _posts];
            }
        }
    }

    public static async Task<SlackResponseRecorder> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SlackResponseRecorder).Assembly.GetName().Name,
            EnvironmentName = "Emulator",
        });
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var recorder = new SlackResponseRecorder(app);
        app.MapPost("/{**path}", (Delegate)recorder.RecordAsync);
        await app.StartAsync(cancellationToken);
        recorder.BaseAddress = new Uri(app.Urls.Single());
        return recorder;
    }

    /// <summary>A new <c>response_url</c> for one slash command, as Slack makes one per invocation.</summary>
    public Uri NewResponseUrl(string teamId) =>
        new(BaseAddress, $"/commands/{teamId}/{RandomNumberGenerator.GetInt32(100_000, int.MaxValue)}/{RandomNumberGenerator.GetHexString(24, lowercase: true)}");

    /// <summary>Every post to this URL so far.</summary>
    public IReadOnlyList<RecordedSlackPost> PostsTo(Uri url) => Posts.Where(p => p.Path == url.AbsolutePath).ToList();

    /// <summary>Waits for a post to this <c>response_url</c> that matches.</summary>
    public async Task<RecordedSlackPost> WaitForAsync(Uri url, TimeSpan timeout, CancellationToken cancellationToken, Func<RecordedSlackPost, bool>? matching = null)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            if (PostsTo(url).FirstOrDefault(p => matching?.Invoke(p) ?? true) is { } found)
            {
                return found;
            }

            try
            {
                await _arrivals.Reader.WaitToReadAsync(deadline.Token);
                _arrivals.Reader.TryRead(out _);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Nothing was posted to {url.AbsolutePath} within {timeout}; posts so far went to: {string.Join(", ", Posts.Select(p => p.Path))}");
            }
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<IResult> RecordAsync(HttpContext context)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var post = new RecordedSlackPost(context.Request.Path, body.RootElement.Clone(), context.Request.Headers.Authorization.ToString());
        lock (_posts)
        {
            _posts.Add(post);
        }

        _arrivals.Writer.TryWrite(post);
        return Results.Text("ok");
    }
}

/// <param name="Path">The response URL's path it was posted to.</param>
/// <param name="Body">The JSON as Switchboard sent it.</param>
public sealed record RecordedSlackPost(string Path, JsonElement Body, string Authorization)
{
    /// <summary>A string field of the body, or null.</summary>
    public string? Text(string field) => Body.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
