using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Switchboard.Core.Commands;
using Switchboard.Core.People;
using Switchboard.Core.SecondFactors;
using Switchboard.Server.Api;
using Switchboard.Server.Api.Commands;
using Switchboard.Server.Authentication;
using Switchboard.Server.WebConsole.Pages;

namespace Switchboard.Server.WebConsole;

/// <summary>
/// Security keys and passkeys in the console: registering one (through <c>factors enroll key</c>), approving a
/// waiting command at a step-up link, and signing in with a passkey. The browser asks for options, lets the key
/// sign them (<c>webauthn.js</c>), and posts the answer; every POST carries the antiforgery token in a header.
/// Opening a step-up link only shows what it approves, so link previews in chat cannot use it up.
/// </summary>
internal static class SecurityKeyEndpoints
{
    public static void MapSecurityKeys(this RouteGroupBuilder console, RouteGroupBuilder signedIn)
    {
        signedIn.MapGet("/security-keys", ShowSecurityKeysAsync);
        Answered(signedIn.MapPost("/security-keys/options", BeginRegistrationAsync));
        Answered(signedIn.MapPost("/security-keys", RegisterAsync));

        console.MapGet("/approve/{code}", ShowApprovalAsync);
        Answered(console.MapPost("/approve/{code}/options", BeginApprovalAsync));
        Answered(console.MapPost("/approve/{code}", ApproveAsync));

        Answered(console.MapPost("/signin/passkey/options", BeginSignInAsync));
        Answered(console.MapPost("/signin/passkey", SignInAsync));
    }

    private static void Answered(RouteHandlerBuilder endpoint) =>
        endpoint.WithMetadata(new RequireAntiforgeryTokenAttribute()).AddEndpointFilter(ConsoleEndpoints.RequireValidForm);

    private static async Task<IResult> ShowSecurityKeysAsync(HttpContext context, ClaimsPrincipal user, CommandDispatcher dispatcher, ConsolePages pages)
    {
        var actor = PersonClaims.ActorFrom(user, FrontEnd.Web, AssuranceLevel.Identified);
        var factors = await dispatcher.DispatchAsync(new CommandRequest("factors list"), actor, context.RequestAborted);
        return new RazorComponentResult<SecurityKeysPage>(new { Frame = await pages.FrameAsync(context, user), Factors = factors.IsSuccess ? factors.Reply : null });
    }

    private static async Task<IResult> BeginRegistrationAsync(ClaimsPrincipal user, ISecurityKeyCeremonies ceremonies, HttpContext context)
    {
        var person = PersonClaims.ActorFrom(user, FrontEnd.Web, AssuranceLevel.Identified).Person;
        return Options(await ceremonies.BeginRegistrationAsync(person, context.RequestAborted));
    }

    private static async Task<Results<Ok<CommandReply>, ProblemHttpResult>> RegisterAsync(
        KeyAnswer answer, ClaimsPrincipal user, CommandDispatcher dispatcher, HttpContext context)
    {
        var actor = PersonClaims.ActorFrom(user, FrontEnd.Web, AssuranceLevel.Identified);
        var arguments = new Dictionary<string, string?> { ["request"] = answer.Request.ToString("D"), ["name"] = answer.Name };
        var result = await dispatcher.DispatchAsync(
            new CommandRequest(null, "factors enroll key", arguments, Secret: answer.Credential.GetRawText()), actor, context.RequestAborted);
        return result.IsSuccess ? TypedResults.Ok(CommandReply.From(result.Reply)) : result.Error.ToProblem();
    }

    private static async Task<IResult> ShowApprovalAsync(string code, ISecurityKeyCeremonies ceremonies, HttpContext context, IAntiforgery antiforgery)
    {
        var (approval, error) = await ceremonies.PeekStepUpAsync(code, context.RequestAborted);
        return new RazorComponentResult<ApprovePage>(new { Approval = approval, Code = code, Error = error, Token = FormToken.For(context, antiforgery) })
        {
            StatusCode = error is null ? StatusCodes.Status200OK : ErrorResults.StatusFor(error.Kind),
        };
    }

    private static async Task<IResult> BeginApprovalAsync(string code, ISecurityKeyCeremonies ceremonies, HttpContext context)
    {
        var (ceremony, error) = await ceremonies.BeginStepUpAsync(code, context.RequestAborted);
        return ceremony is null ? error!.ToProblem() : Options(ceremony);
    }

    private static async Task<Results<Ok<CommandReply>, ProblemHttpResult>> ApproveAsync(
        string code, KeyAnswer answer, ISecurityKeyCeremonies ceremonies, HttpContext context)
    {
        var result = await ceremonies.CompleteStepUpAsync(code, answer.Request, answer.Credential.GetRawText(), context.RequestAborted);
        return result.IsSuccess ? TypedResults.Ok(CommandReply.From(result.Reply)) : result.Error.ToProblem();
    }

    private static async Task<IResult> BeginSignInAsync(ISecurityKeyCeremonies ceremonies, HttpContext context) =>
        Options(await ceremonies.BeginSignInAsync(context.RequestAborted));

    /// <summary>A passkey that holds starts the same session a sign-in link does, through a link issued and redeemed at once.</summary>
    private static async Task<Results<Ok<SignedIn>, ProblemHttpResult>> SignInAsync(
        KeyAnswer answer, ISecurityKeyCeremonies ceremonies, IWebSessions sessions, ConsoleCookies cookies, HttpContext context)
    {
        var (person, refused) = await ceremonies.CompleteSignInAsync(answer.Request, answer.Credential.GetRawText(), context.RequestAborted);
        if (person is not { } id)
        {
            return refused!.ToProblem();
        }

        var link = await sessions.IssueLinkAsync(id, id, context.RequestAborted);
        var client = new SessionClient(context.Request.Headers.UserAgent.ToString(), context.Connection.RemoteIpAddress?.ToString());
        var started = await sessions.RedeemLinkAsync(link.Code, client, context.RequestAborted);
        if (started.Secret is null)
        {
            return started.Error!.ToProblem();
        }

        context.Response.Cookies.Append(cookies.SessionName, started.Secret, cookies.SessionOptions(started.ExpiresAt));
        return TypedResults.Ok(new SignedIn("/"));
    }

    private static IResult Options(WebAuthnCeremony ceremony) =>
        Results.Content($$"""{"request":"{{ceremony.Id:D}}","options":{{ceremony.OptionsJson}}}""", "application/json");
}

/// <param name="Request">The ceremony the options came from.</param>
/// <param name="Credential">The browser's <c>PublicKeyCredential.toJSON()</c>.</param>
/// <param name="Name">What to call a key being registered.</param>
internal sealed record KeyAnswer(Guid Request, JsonElement Credential, string? Name);

/// <param name="Location">Where the signed-in browser goes next.</param>
internal sealed record SignedIn(string Location);
