using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Switchboard.Core.Commands;
using Switchboard.Core.People;
using Switchboard.Delivery.Channels;
using Switchboard.Server.Authentication;
using Switchboard.Server.WebConsole.Pages;

namespace Switchboard.Server.WebConsole;

/// <summary>
/// A channel page's live feed: each new message as the same HTML the page renders, and each live message
/// replaced in place (an incident, a deployment) again as an <c>edited</c> event, for as long as the session lasts. A revoked session gets a <c>signed-out</c> event within a second and the stream ends.
/// </summary>
internal sealed class ChannelStream(
    IServiceScopeFactory scopes, ChannelActivity activity, IAntiforgery antiforgery, ConsoleCookies cookies, TimeProvider clock, ILoggerFactory loggers)
{
    private static readonly TimeSpan SessionCheckInterval = TimeSpan.FromSeconds(1);

    /// <summary>Posts from other processes arrive at most this late; posts here arrive at once.</summary>
    private const int TicksBetweenReads = 3;

    public async IAsyncEnumerable<SseItem<string>> FollowAsync(
        string channel, long after, HttpContext context, ClaimsPrincipal user, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var token = FormToken.For(context, antiforgery);
        // Headers now, so the browser's EventSource opens before the first message arrives.
        await context.Response.Body.FlushAsync(cancellationToken);
        var actor = PersonClaims.ActorFrom(user, FrontEnd.Web, AssuranceLevel.Identified);
        var secret = context.Request.Cookies[cookies.SessionName] ?? "";
        await using var renderer = new HtmlRenderer(context.RequestServices, loggers);
        var editedSince = clock.GetUtcNow();
        // A message can change twice within one tick of the clock: the texts sent as of editedSince tell a second change,
        // without rendering again what was sent. Those changed at the very tick the stream opened are on the page already.
        var sentAsOfEditedSince = new Dictionary<long, string>();
        var opening = true;
        var readDue = true;
        var ticks = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var nextPost = activity.NextPostAsync();
            await using (var scope = scopes.CreateAsyncScope())
            {
                var check = await scope.ServiceProvider.GetRequiredService<IWebSessions>().AuthenticateAsync(secret, cancellationToken);
                if (check.Person is null)
                {
                    yield return new SseItem<string>(check.Error!.Code, "signed-out");
                    yield break;
                }

                if (readDue || ++ticks % TicksBetweenReads == 0)
                {
                    var (messages, error) = await scope.ServiceProvider.GetRequiredService<BuiltInChannels>()
                        .ReadAsync(channel, actor, after, BuiltInChannels.MaxPage, cancellationToken);
                    if (messages is null)
                    {
                        yield return new SseItem<string>(error!.Code, "refused");
                        yield break;
                    }

                    foreach (var message in messages)
                    {
                        var html = await RenderAsync(renderer, message, token, actor.Person.TimeZone);
                        yield return new SseItem<string>(html, "message") { EventId = message.Id.ToString(CultureInfo.InvariantCulture) };
                        after = message.Id;
                    }

                    var (edited, _) = await scope.ServiceProvider.GetRequiredService<BuiltInChannels>()
                        .ReadEditedAsync(channel, actor, editedSince, cancellationToken);
                    foreach (var message in edited ?? [])
                    {
                        var editedAt = message.EditedAt!.Value;
                        var sentAlready = editedAt == editedSince
                            && (opening || sentAsOfEditedSince.GetValueOrDefault(message.Id) == message.Text);
                        if (editedAt > editedSince)
                        {
                            editedSince = editedAt;
                            sentAsOfEditedSince.Clear();
                        }

                        sentAsOfEditedSince[message.Id] = message.Text;
                        if (!sentAlready)
                        {
                            // No event id: the browser's Last-Event-ID stays the newest message's, where a reconnect resumes.
                            yield return new SseItem<string>(await RenderAsync(renderer, message, token, actor.Person.TimeZone), "edited");
                        }
                    }

                    opening = false;
                }
            }

            var woken = await Task.WhenAny(nextPost, Task.Delay(SessionCheckInterval, cancellationToken));
            readDue = woken == nextPost;
        }
    }

    private static Task<string> RenderAsync(HtmlRenderer renderer, MessageView message, FormToken token, string timeZone) =>
        renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(MessageItem.Message)] = message,
                [nameof(MessageItem.Token)] = token,
                [nameof(MessageItem.TimeZone)] = timeZone,
            });
            var output = await renderer.RenderComponentAsync<MessageItem>(parameters);
            return output.ToHtmlString();
        });
}
