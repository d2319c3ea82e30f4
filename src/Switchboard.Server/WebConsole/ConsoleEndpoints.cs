using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Switchboard.Core.Commands;
using Switchboard.Core.Parsing;
using Switchboard.Core.People;
using Switchboard.Core.Replies;
using Switchboard.Data.Idempotency;
using Switchboard.Server.Api;
using Switchboard.Server.Authentication;
using Switchboard.Server.WebConsole.Pages;

namespace Switchboard.Server.WebConsole;

/// <summary>
/// The web console: server-rendered pages whose forms run commands through the same dispatcher as
/// every other front end, and one live stream per open channel page.
/// </summary>
internal static class ConsoleEndpoints
{
    private const string SecurityPolicy =
        "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'";

    public static void MapConsole(this IEndpointRouteBuilder app)
    {
        var console = app.MapGroup("")
            .WithMetadata(new RequestSizeLimitAttribute(64 * 1024))
            .AddEndpointFilter(async (context, next) =>
            {
                context.HttpContext.Response.Headers.ContentSecurityPolicy = SecurityPolicy;
                // What antiforgery sets anyway; anything else makes it log a warning whose scope holds the
                // request path, and on a sign-in page the path holds a usable sign-in code.
                context.HttpContext.Response.Headers.CacheControl = "no-cache, no-store";
                return await next(context);
            })
            .ExcludeFromDescription();

        var signedIn = console.MapGroup("").RequireAuthorization(SessionAuthentication.PolicyName);
        signedIn.MapGet("/", ShowConsoleAsync);
        signedIn.MapPost("/", RunAsync);
        signedIn.MapPost("/confirm", Confirm);
        signedIn.MapGet("/sessions", ShowSessionsAsync);
        signedIn.MapGet("/vault", ShowVaultAsync);
        signedIn.MapPost("/vault", StoreInVaultAsync);
        signedIn.MapGet("/channels/{channel}", ShowChannelAsync);
        signedIn.MapPost("/channels/{channel}", SayAsync);
        signedIn.MapGet("/channels/{channel}/stream", Stream);
        signedIn.MapOperatorPages();
        console.MapSecurityKeys(signedIn);
        signedIn.MapAuditPages();
        signedIn.MapDeployPages();
        signedIn.MapConnectPages();

        console.MapGet("/signin", ([FromQuery] string? reason, HttpContext context, IAntiforgery antiforgery) =>
            new RazorComponentResult<SignInPage>(new { Notice = ConsoleErrors.NoticeFor(reason), Token = FormToken.For(context, antiforgery) }));
        console.MapGet("/signin/{code}", ShowSignInLinkAsync);
        console.MapPost("/signin/{code}", SignInAsync).WithMetadata(new RequireAntiforgeryTokenAttribute()).AddEndpointFilter(RequireValidForm);
        signedIn.MapPost("/signout", SignOutAsync).WithMetadata(new RequireAntiforgeryTokenAttribute()).AddEndpointFilter(RequireValidForm);
    }

    private static async Task<IResult> ShowConsoleAsync(HttpContext context, ClaimsPrincipal user, ConsoleTranscript transcript, ConsolePages pages) =>
        new RazorComponentResult<HomePage>(new
        {
            Frame = await pages.FrameAsync(context, user),
            Entries = transcript.Of(PersonClaims.SessionOf(user)),
        });

    private static async Task<IResult> RunAsync(
        [FromForm] string? line,
        [FromForm] string? key,
        HttpContext context,
        ClaimsPrincipal user,
        CommandDispatcher dispatcher,
        CommandRegistry registry,
        ConsoleTranscript transcript,
        ConsolePages pages)
    {
        var session = PersonClaims.SessionOf(user);
        var (entry, status) = await RunLineAsync(line, key, user, dispatcher, context.RequestAborted);
        // A reply that shows a secret is shown in this response only, never kept in the scrollback.
        var revealsSecret = entry.Reply is not null
            && registry.Resolve(CommandLineParser.Parse(entry.Line).Tokens).Command?.Definition.RevealsSecret == true;
        transcript.Add(session, revealsSecret ? entry with { Reply = Reply.Text("This reply showed a secret once; it is not kept.") } : entry);
        var entries = transcript.Of(session).Where(e => e.Key != entry.Key).Append(entry).ToList();
        return new RazorComponentResult<HomePage>(new { Frame = await pages.FrameAsync(context, user), Entries = entries }) { StatusCode = status };
    }

    private static async Task<(TranscriptEntry Entry, int Status)> RunLineAsync(
        string? line, string? key, ClaimsPrincipal user, CommandDispatcher dispatcher, CancellationToken cancellationToken)
    {
        var text = line?.Trim() ?? "";
        var formKey = string.IsNullOrEmpty(key) ? Guid.NewGuid().ToString("N") : key;
        var refusal = text.Length == 0 ? ConsoleErrors.EmptyCommand()
            : formKey.Length > IdempotencyKeys.MaxLength ? ConsoleErrors.InvalidFormKey()
            : null;
        if (refusal is not null)
        {
            return (new TranscriptEntry(text, formKey, null, refusal), ErrorResults.StatusFor(refusal.Kind));
        }

        var actor = PersonClaims.ActorFrom(user, FrontEnd.Web, AssuranceLevel.Identified);
        var result = await dispatcher.DispatchAsync(new CommandRequest(text, IdempotencyKey: formKey), actor, cancellationToken);
        return result.IsSuccess
            ? (new TranscriptEntry(text, formKey, result.Reply, null), StatusCodes.Status200OK)
            : (new TranscriptEntry(text, formKey, null, result.Error), ErrorResults.StatusFor(result.Error.Kind));
    }

    private static async Task<IResult> Confirm(
        [FromForm] string line, [FromForm] string key, [FromForm] string question, HttpContext context, ClaimsPrincipal user, ConsolePages pages) =>
        new RazorComponentResult<ConfirmPage>(new { Frame = await pages.FrameAsync(context, user), Line = line, Key = key, Question = question });

    private static async Task<IResult> ShowSessionsAsync(HttpContext context, ClaimsPrincipal user, CommandDispatcher dispatcher, ConsolePages pages)
    {
        var actor = PersonClaims.ActorFrom(user, FrontEnd.Web, AssuranceLevel.Identified);
        var result = await dispatcher.DispatchAsync(new CommandRequest("sessions"), actor, context.RequestAborted);
        return new RazorComponentResult<ReplyPage>(new
        {
            Title = "Sessions",
            Frame = await pages.FrameAsync(context, user),
            result.Reply,
            result.Error,
        });
    }

    private static Task<IResult> ShowVaultAsync(HttpContext context, ClaimsPrincipal user, ConsolePages pages) =>
        pages.VaultAsync(context, user, stored: null);

    /// <summary>
    /// <c>vault set</c> from the Vault page's form: the token goes to dispatch as the secret input, so it is
    /// in no command line, and the page that answers never shows it again.
    /// </summary>
    private static async Task<IResult> StoreInVaultAsync(
        [FromForm] string? service,
        [FromForm] string? value,
        [FromForm] string? scopes,
        [FromForm] string? expires,
        [FromForm] string? key,
        HttpContext context,
        ClaimsPrincipal user,
        CommandDispatcher dispatcher,
        ConsolePages pages)
    {
        if (key?.Length > IdempotencyKeys.MaxLength)
        {
            return await pages.VaultAsync(context, user, CommandResult.Failure(ConsoleErrors.InvalidFormKey()));
        }

        var actor = PersonClaims.ActorFrom(user, FrontEnd.Web, AssuranceLevel.Identified);
        var arguments = new Dictionary<string, string?>
        {
            ["service"] = service?.Trim() ?? "",
            ["scope"] = string.Join(',', (scopes ?? "").Split([' ', ','], StringSplitOptions.RemoveEmptyEntries)),
            ["expires"] = string.IsNullOrWhiteSpace(expires) ? null : expires.Trim(),
        };
        var stored = await dispatcher.DispatchAsync(
            new CommandRequest(null, "vault set", arguments, string.IsNullOrEmpty(key) ? null : key, value),
            actor,
            context.RequestAborted);
        return await pages.VaultAsync(context, user, stored);
    }

    private static Task<IResult> ShowChannelAsync(string channel, HttpContext context, ClaimsPrincipal user, ConsolePages pages) =>
        pages.ChannelAsync(channel, context, user, error: null);

    private static async Task<IResult> SayAsync(
        string channel,
        [FromForm] string? text,
        [FromForm] string? key,
        HttpContext context,
        ClaimsPrincipal user,
        CommandDispatcher dispatcher,
        ConsolePages pages)
    {
        var actor = PersonClaims.ActorFrom(user, FrontEnd.Web, AssuranceLevel.Identified);
        var arguments = new Dictionary<string, string?> { ["to"] = "#" + channel, ["text"] = text ?? "" };
        var result = await dispatcher.DispatchAsync(
            new CommandRequest(null, "say", arguments, string.IsNullOrEmpty(key) ? null : key), actor, context.RequestAborted);
        // Post, then redirect: reloading the channel page must not post the message again.
        return result.IsSuccess
            ? Results.Redirect($"/channels/{Uri.EscapeDataString(channel)}", permanent: false, preserveMethod: false)
            : await pages.ChannelAsync(channel, context, user, result.Error);
    }

    private static ServerSentEventsResult<string> Stream(
        string channel,
        [FromQuery] long? after,
        [FromHeader(Name = "Last-Event-ID")] long? lastEventId,
        HttpContext context,
        ClaimsPrincipal user,
        ChannelStream stream) =>
        TypedResults.ServerSentEvents(stream.FollowAsync(channel, lastEventId ?? after ?? 0, context, user, context.RequestAborted));

    private static async Task<IResult> ShowSignInLinkAsync(string code, IWebSessions sessions, HttpContext context, IAntiforgery antiforgery)
    {
        var (person, error) = await sessions.PeekLinkAsync(code, context.RequestAborted);
        return new RazorComponentResult<SignInPage>(new { Person = person, Error = error, Token = FormToken.For(context, antiforgery) })
        {
            StatusCode = error is null ? StatusCodes.Status200OK : ErrorResults.StatusFor(error.Kind),
        };
    }

    private static async Task<IResult> SignInAsync(string code, IWebSessions sessions, ConsoleCookies cookies, HttpContext context)
    {
        var client = new SessionClient(context.Request.Headers.UserAgent.ToString(), context.Connection.RemoteIpAddress?.ToString());
        var started = await sessions.RedeemLinkAsync(code, client, context.RequestAborted);
        if (started.Secret is null)
        {
            return new RazorComponentResult<SignInPage>(new { started.Error }) { StatusCode = ErrorResults.StatusFor(started.Error!.Kind) };
        }

        context.Response.Cookies.Append(cookies.SessionName, started.Secret, cookies.SessionOptions(started.ExpiresAt));
        return Results.Redirect("/", permanent: false, preserveMethod: false);
    }

    private static async Task<IResult> SignOutAsync(IWebSessions sessions, ConsoleCookies cookies, HttpContext context)
    {
        if (context.Request.Cookies.TryGetValue(cookies.SessionName, out var secret))
        {
            await sessions.EndAsync(secret, context.RequestAborted);
        }

        context.Response.Cookies.Delete(cookies.SessionName, cookies.SessionOptions(default));
        return Results.Redirect("/signin?reason=auth.signed-out", permanent: false, preserveMethod: false);
    }

    /// <summary>Forms without fields of their own get the same antiforgery check that form binding gives the others.</summary>
    internal static async ValueTask<object?> RequireValidForm(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: true }
            ? await next(context)
            : ConsoleErrors.InvalidForm().ToProblem();
}
