using System.Net;

namespace Switchboard.Cli.Api;

/// <summary>What the server answered: a status and the body as it came, for <c>--json</c> to print untouched.</summary>
internal sealed record ApiResponse(HttpStatusCode Status, string Body, string? ReasonPhrase)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;

    public int ExitCode => ExitCodes.ForStatus(Status);

    public ApiProblem Problem() => ApiProblem.From(this);
}
