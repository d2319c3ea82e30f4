using Microsoft.AspNetCore.Http.HttpResults;
using Switchboard.Core.Errors;

namespace Switchboard.Server.Api;

/// <summary>The one place where an <see cref="Error"/> becomes HTTP.</summary>
internal static class ErrorResults
{
    public static ProblemHttpResult ToProblem(this Error error) =>
        TypedResults.Problem(
            statusCode: StatusFor(error.Kind),
            title: error.Title,
            detail: error.Detail,
            extensions: new Dictionary<string, object?> { ["code"] = error.Code });

    // No discard arm: CS8509 is an error, so a new ErrorKind cannot be forgotten here.
    public static int StatusFor(ErrorKind kind) => kind switch
    {
        ErrorKind.Invalid => StatusCodes.Status400BadRequest,
        ErrorKind.Unauthenticated => StatusCodes.Status401Unauthorized,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
    };
}
