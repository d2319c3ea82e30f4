using System.Diagnostics;

namespace Switchboard.Server.Api;

/// <summary>
/// Gives every ProblemDetails a <c>code</c> and a <c>traceId</c>, including those the framework writes
/// itself (unknown routes, wrong methods, unreadable bodies, crashes), and never a message or stack trace.
/// </summary>
internal static class ProblemCodes
{
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
        if (!problem.Extensions.ContainsKey("code"))
        {
            problem.Extensions["code"] = problem.Status switch
            {
                StatusCodes.Status400BadRequest => "api.invalid-request",
                StatusCodes.Status401Unauthorized => "auth.missing-token",
                StatusCodes.Status403Forbidden => "auth.forbidden",
                StatusCodes.Status404NotFound => "api.not-found",
                StatusCodes.Status405MethodNotAllowed => "api.method-not-allowed",
                StatusCodes.Status413PayloadTooLarge => "api.body-too-large",
                StatusCodes.Status415UnsupportedMediaType => "api.unsupported-media-type",
                _ => "api.internal-error",
            };
        }

        if (problem.Status >= StatusCodes.Status500InternalServerError)
        {
            problem.Detail = "Something went wrong on our side; the trace id identifies it in the server's logs.";
        }
    }
}
