using System.Net;

namespace Switchboard.Cli;

/// <summary>What <c>sb</c> exits with, so that scripts can tell a typo from a refusal from an outage.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The server found the input wrong (400, 404, 409, 413), or sb itself was used wrongly.</summary>
    public const int BadInput = 2;

    /// <summary>The server refused the credential or the action (401, 403).</summary>
    public const int Refused = 3;

    /// <summary>The server failed (5xx), or could not be reached in time.</summary>
    public const int Unavailable = 4;

    /// <summary>A deployment that sb followed ended, and did not succeed.</summary>
    public const int DeploymentFailed = 5;

    /// <summary>Ctrl+C interrupted a command (the shell's convention, 128 + SIGINT).</summary>
    public const int Interrupted = 130;

    public const string HelpText = """
        Exit codes:
          0    ok
          2    bad input: the server refused the command line (400, 404, 409, 413), or sb was used wrongly
          3    refused: the token is missing, wrong, revoked, or lacks permission (401, 403)
          4    server error or unreachable (5xx, connection refused, timeout), or a followed deployment's progress was lost
          5    a deployment sb followed (deploy, promote, rollback) failed
          130  interrupted by Ctrl+C (sb watch exits 0 instead)

        """;

    public static int ForStatus(HttpStatusCode status) => (int)status switch
    {
        < 400 => Ok,
        401 or 403 => Refused,
        408 or 429 or >= 500 => Unavailable,
        _ => BadInput,
    };
}
