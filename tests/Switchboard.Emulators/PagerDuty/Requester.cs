using System.Net;
using Microsoft.AspNetCore.Http;

namespace Switchboard.Emulators.PagerDuty;

/// <summary>
/// Who a REST API request acts as (https://developer.pagerduty.com/docs/authentication): a user's OAuth token
/// (<c>Authorization: Bearer</c>) is that user; the account's API key (<c>Authorization: Token token=...</c>) acts as
/// the user whose login e-mail the <c>From</c> header gives, which writes require. Errors carry PagerDuty's body
/// (<c>{"error": {"message", "code", "errors"}}</c>).
/// </summary>
internal sealed record Requester(PagerDutyUser? User, string Via, IResult? Refusal)
{
    public static Requester Authenticate(HttpRequest request, PagerDutyState state, bool write)
    {
        if (state.TakeFailure() is { } failure)
        {
            return Refused(failure == HttpStatusCode.TooManyRequests
                ? Error(StatusCodes.Status429TooManyRequests, "Rate Limit Exceeded", 2020)
                : Error((int)failure, "Internal Server Error", 2000));
        }

        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return state.OAuth.Authenticate(authorization["Bearer ".Length..].Trim()) is { } grant
                ? new Requester(grant.User, "oauth", null)
                : Refused(Unauthorized());
        }

        if (authorization != $"Token token={state.ApiKey}")
        {
            return Refused(Unauthorized());
        }

        var from = request.Headers["From"].ToString();
        var user = from.Length > 0 ? state.FindUserByEmail(from) : null;
        return write && user is null
            ? Refused(Invalid("Requester User Not Found"))
            : new Requester(user, "api_token", null);
    }

    public static IResult Invalid(string error) =>
        Results.Json(new { error = new { message = "Invalid Input Provided", code = 2001, errors = new[] { error } } }, statusCode: StatusCodes.Status400BadRequest);

    public static IResult NotFound() => Error(StatusCodes.Status404NotFound, "Not Found", 2100);

    private static IResult Unauthorized() => Error(StatusCodes.Status401Unauthorized, "Unauthorized", 2006);

    private static IResult Error(int status, string message, int code) =>
        Results.Json(new { error = new { message, code } }, statusCode: status);

    private static Requester Refused(IResult refusal) => new(null, "", refusal);
}
