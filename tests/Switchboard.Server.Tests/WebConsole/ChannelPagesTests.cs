using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Core.Replies;
using Switchboard.Delivery.Channels;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.WebConsole;

public sealed class ChannelPagesTests(SqliteHost host) : IClassFixture<SqliteHost>
{
    [Fact]
    public async Task AMessageSentFromTheChannelPageAppearsThereAfterTheRedirect()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var browser = await host.SignInAsync("poster@example.com", cancellationToken);
        var deploys = await browser.GetAsync("/channels/deploys", cancellationToken);

        var posted = await browser.SubmitAsync(
            "/channels/deploys", deploys, [new("text", "shipping **v2** now"), new("key", deploys.FormValue("key"))], cancellationToken);

        Assert.Equal("/channels/deploys", posted.RedirectedTo);
        Assert.Contains("<strong>v2</strong>", posted.Html, StringComparison.Ordinal);
        Assert.Contains("@poster", posted.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEmptyMessageIsRefusedOnThePage()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var browser = await host.SignInAsync("quiet@example.com", cancellationToken);
        var ops = await browser.GetAsync("/channels/ops", cancellationToken);

        var posted = await browser.SubmitAsync("/channels/ops", ops, [new("text", "  "), new("key", ops.FormValue("key"))], cancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, posted.Status);
        Assert.Contains("data-error-code=\"channels.empty-message\"", posted.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheInboxShowsWhatOthersSentYou()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.AddPersonAsync("reader", cancellationToken);
        using var browser = await host.SignInAsync("reader@example.com", cancellationToken);
        await host.RunAsAdminAsync("say @reader your review is due", cancellationToken);

        var inbox = await browser.GetAsync("/channels/inbox", cancellationToken);

        Assert.Equal(HttpStatusCode.OK, inbox.Status);
        Assert.Contains("your review is due", inbox.Text, StringComparison.Ordinal);
        Assert.Contains("@admin", inbox.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownChannelIsNotFound()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var browser = await host.SignInAsync("lost@example.com", cancellationToken);

        var page = await browser.GetAsync("/channels/no-such-channel", cancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Contains("data-error-code=\"channels.unknown-channel\"", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLiveStreamDeliversNewMessagesAsRenderedHtml()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var browser = await host.SignInAsync("watcher@example.com", cancellationToken);
        await using var stream = await OpenOpsStreamAsync(browser, cancellationToken);

        await host.RunAsAdminAsync("say #ops the _primary_ is back", cancellationToken);
        var message = await stream.NextAsync(cancellationToken);

        Assert.Equal("message", message.EventType);
        Assert.Contains("the <em>primary</em> is back", message.Data, StringComparison.Ordinal);
        Assert.Contains("@admin", message.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLiveStreamRedrawsALiveMessageWhenItIsReplaced()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var browser = await host.SignInAsync("redrawn@example.com", cancellationToken);
        await using var stream = await OpenOpsStreamAsync(browser, cancellationToken);

        await PostLiveAsync("Incident 3 triggered", cancellationToken);
        var posted = await stream.NextAsync(cancellationToken);
        host.Clock.Advance(TimeSpan.FromSeconds(30));
        await PostLiveAsync("Incident 3 acknowledged", cancellationToken);
        var redrawn = await stream.NextAsync(cancellationToken);

        Assert.Equal(("message", "edited"), (posted.EventType, redrawn.EventType));
        Assert.Contains($"id=\"m-{posted.EventId}\"", redrawn.Data, StringComparison.Ordinal);
        Assert.Contains("Incident 3 acknowledged", redrawn.Data, StringComparison.Ordinal);
        Assert.Contains("(updated)", redrawn.Data, StringComparison.Ordinal);
    }

    /// <summary>Two changes within one tick of the clock (this one moves only when told to) are both redrawn.</summary>
    [Fact]
    public async Task TheLiveStreamRedrawsALiveMessageChangedTwiceAtOneInstant()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var browser = await host.SignInAsync("redrawn-twice@example.com", cancellationToken);
        await using var stream = await OpenOpsStreamAsync(browser, cancellationToken);

        await PostLiveAsync("Incident 4 triggered", cancellationToken, "incident:4");
        await stream.NextAsync(cancellationToken);
        host.Clock.Advance(TimeSpan.FromSeconds(30));
        await PostLiveAsync("Incident 4 acknowledged", cancellationToken, "incident:4");
        var acknowledged = await stream.NextAsync(cancellationToken);
        await PostLiveAsync("Incident 4 resolved", cancellationToken, "incident:4");
        var resolved = await stream.NextAsync(cancellationToken);

        Assert.Contains("Incident 4 acknowledged", acknowledged.Data, StringComparison.Ordinal);
        Assert.Equal("edited", resolved.EventType);
        Assert.Contains("Incident 4 resolved", resolved.Data, StringComparison.Ordinal);
    }

    /// <summary>The <c>#ops</c> page's live feed, from the newest message the page showed.</summary>
    private static async Task<EventStream> OpenOpsStreamAsync(ConsoleSession browser, CancellationToken cancellationToken)
    {
        var ops = await browser.GetAsync("/channels/ops", cancellationToken);
        return await EventStream.OpenAsync(browser, $"/channels/ops/stream?after={ops.LastMessageId}", cancellationToken);
    }

    private async Task PostLiveAsync(string text, CancellationToken cancellationToken, string key = "incident:3")
    {
        await using var scope = host.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<ChannelPosts>().PostLiveAsync("ops", Reply.Text(text), key, cancellationToken));
    }

    [Fact]
    public async Task TheLiveStreamEndsWhenTheSessionIsRevoked()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("streamer", cancellationToken);
        using var browser = await host.SignInAsync("streamer@example.com", cancellationToken);
        await using var stream = await OpenOpsStreamAsync(browser, cancellationToken);

        await host.RunAsync(person, "sessions revoke --all", cancellationToken);
        var ended = await stream.NextAsync(cancellationToken);

        Assert.Equal(("signed-out", "auth.session-ended"), (ended.EventType, ended.Data));
        Assert.Null(await stream.NextOrEndAsync(cancellationToken));
    }

    [Fact]
    public async Task TheStreamRefusesTheSignedOutWith401()
    {
        using var browser = new ConsoleSession(host.BaseAddress);

        var page = await browser.GetAsync("/channels/ops/stream", TestContext.Current.CancellationToken, accept: "text/event-stream");

        Assert.Equal(HttpStatusCode.Unauthorized, page.Status);
    }
}
