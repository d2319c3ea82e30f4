using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Switchboard.Core.Commands;
using Switchboard.Core.People;
using Switchboard.Server.Authentication;

namespace Switchboard.Server.WebConsole;

/// <summary>
/// The web console's session cookie, checked against the Rolodex on every request (through its
/// short cache), so that a revoked session is refused at once.
/// </summary>
internal sealed class SessionAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IWebSessions sessions,
    ConsoleCookies cookies)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Session";
    public const string PolicyName = "console";

    private static readonly object RefusalKey = new();

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Cookies.TryGetValue(cookies.SessionName, out var secret) || secret.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }

        var check = await sessions.AuthenticateAsync(secret, Context.RequestAborted);
        if (check.Person is null)
        {
            Context.Items[RefusalKey] = check.Error!.Code;
            return AuthenticateResult.Fail(check.Error.Code);
        }

        // No credential expiry for the actor: a session is the person signed in, and the tokens they make here for sb should last as asked.
        var claims = PersonClaims.For(check.Person, ActorAccess.ReadWrite, expiresAt: null, check.SessionId);
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    /// <summary>Pages send the browser to sign in, saying why; a live stream just ends with 401.</summary>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[RefusalKey] is string)
        {
            Response.Cookies.Delete(cookies.SessionName, cookies.SessionOptions(default));
        }

        if (Request.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.Ordinal))
        {
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        }

        var reason = Context.Items[RefusalKey] as string ?? "auth.signed-out";
        Response.Redirect($"/signin?reason={Uri.EscapeDataString(reason)}");
        return Task.CompletedTask;
    }
}
