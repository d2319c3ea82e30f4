using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Switchboard.Core.Commands;
using Switchboard.Core.Errors;
using Switchboard.Core.People;

namespace Switchboard.Server.Authentication;

/// <summary>
/// <c>Authorization: Bearer swb_...</c>, checked against the Rolodex's hashed tokens. The checker, which holds a database
/// context, is asked for only when a token is sent: this scheme runs on every request, and webhooks, Slack's requests
/// and the console's pages send none.
/// </summary>
internal sealed class ApiTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    private static readonly object RefusalKey = new();

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Refuse(Error.Unauthenticated("auth.unsupported-scheme", "Send the API token as 'Authorization: Bearer swb_...'."));
        }

        var tokens = Context.RequestServices.GetRequiredService<IApiTokenAuthenticator>();
        var result = await tokens.AuthenticateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (result.Person is null)
        {
            return Refuse(result.Error!);
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(PersonClaims.For(result.Person, result.Access, result.ExpiresAt), SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var error = Context.Items[RefusalKey] as Error
            ?? Error.Unauthenticated("auth.missing-token", "Send a personal API token as 'Authorization: Bearer swb_...'; 'token create' makes one.");
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = 401, Title = error.Title, Detail = error.Detail, Extensions = { ["code"] = error.Code } },
        });
    }

    private AuthenticateResult Refuse(Error error)
    {
        Context.Items[RefusalKey] = error;
        return AuthenticateResult.Fail(error.Code);
    }
}

/// <summary>The person behind a request, carried in claims so that resolving the actor needs no query.</summary>
internal static class PersonClaims
{
    private const string PersonId = "swb:person";
    private const string Handle = "swb:handle";
    private const string TimeZone = "swb:tz";
    private const string Admin = "swb:admin";
    private const string Access = "swb:access";
    private const string ExpiresAt = "swb:expires";
    private const string Session = "swb:session";

    /// <param name="sessionId">The console session the request came through, if it did.</param>
    public static IEnumerable<Claim> For(PersonSummary person, ActorAccess access, DateTimeOffset? expiresAt, Guid? sessionId = null) =>
    [
        .. expiresAt is { } expiry ? [new Claim(ExpiresAt, expiry.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture))] : Array.Empty<Claim>(),
        .. sessionId is { } session ? [new Claim(Session, session.ToString("D"))] : Array.Empty<Claim>(),
        new(PersonId, person.Id.ToString()),
        // Antiforgery binds its tokens to this claim alone, so a renamed person's open forms still work.
        new(ClaimTypes.NameIdentifier, person.Id.ToString()),
        new(Handle, person.Handle),
        new(ClaimTypes.Name, person.DisplayName),
        new(ClaimTypes.Email, person.Email),
        new(TimeZone, person.TimeZone),
        new(Admin, person.IsAdmin ? "true" : "false"),
        new(Access, access.ToString()),
    ];

    public static Guid SessionOf(ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(Session)!);

    public static Actor ActorFrom(ClaimsPrincipal user, FrontEnd frontEnd, AssuranceLevel assurance)
    {
        var person = new PersonSummary(
            new PersonId(Guid.Parse(user.FindFirstValue(PersonId)!)),
            user.FindFirstValue(Handle)!,
            user.FindFirstValue(ClaimTypes.Name)!,
            user.FindFirstValue(ClaimTypes.Email)!,
            user.FindFirstValue(TimeZone)!,
            user.FindFirstValue(Admin) == "true");
        var expiresAt = user.FindFirstValue(ExpiresAt) is { } milliseconds
            ? DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(milliseconds, CultureInfo.InvariantCulture))
            : (DateTimeOffset?)null;
        return new Actor(person, frontEnd, assurance, Enum.Parse<ActorAccess>(user.FindFirstValue(Access)!), expiresAt);
    }
}
