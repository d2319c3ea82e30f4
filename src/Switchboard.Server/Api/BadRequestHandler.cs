using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;

namespace Switchboard.Server.Api;

/// <summary>
/// Unreadable JSON and oversized bodies are the client's mistake: answer 400 or 413 with a code, and
/// keep them out of the error log.
/// </summary>
internal sealed class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        if (badRequest.InnerException is AntiforgeryValidationException)
        {
            httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
            var invalidForm = WebConsole.ConsoleErrors.InvalidForm();
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails = { Status = 400, Title = invalidForm.Title, Detail = invalidForm.Detail, Extensions = { ["code"] = invalidForm.Code } },
            });
        }

        var tooLarge = badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge;
        httpContext.Response.StatusCode = badRequest.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = badRequest.StatusCode,
                Title = tooLarge ? "Too large" : "Invalid request",
                Detail = tooLarge
                    ? "The request body is larger than this endpoint accepts (1 MiB for /api)."
                    : badRequest.Message,
                Extensions = { ["code"] = tooLarge ? "api.body-too-large" : "api.malformed-request" },
            },
        });
    }
}
