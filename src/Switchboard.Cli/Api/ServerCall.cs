using System.Text.Json;

namespace Switchboard.Cli.Api;

/// <summary>
/// Turns a server that cannot be reached, does not answer in time, or answers with something that is
/// not Switchboard's API into one line on stderr and exit code 4. The message names the server, never the token.
/// </summary>
internal static class ServerCall
{
    public static async Task<int> GuardAsync(SwitchboardClient client, Func<Task<int>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (HttpRequestException exception)
        {
            await Console.Error.WriteLineAsync($"Could not reach {client.Server}: {exception.Message}");
            return ExitCodes.Unavailable;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"{client.Server} did not answer within {client.Timeout.TotalSeconds:0} s.");
            return ExitCodes.Unavailable;
        }
        catch (JsonException)
        {
            await Console.Error.WriteLineAsync($"{client.Server} answered with something that is not Switchboard's API; check the address.");
            return ExitCodes.Unavailable;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
    }
}
