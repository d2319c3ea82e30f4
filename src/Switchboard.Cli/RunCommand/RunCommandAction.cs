using Switchboard.Cli.Api;
using Switchboard.Cli.Configuration;
using Switchboard.Cli.Rendering;

namespace Switchboard.Cli.RunCommand;

/// <summary><c>sb &lt;command words&gt;</c>: runs one command through <c>POST /api/commands</c> and shows the reply.</summary>
internal static class RunCommandAction
{
    public static async Task<int> RunAsync(IReadOnlyList<string> words, OutputMode mode, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var (connection, problem) = await Connection.ResolveAsync(cancellationToken);
        if (connection is null)
        {
            await Console.Error.WriteLineAsync(problem);
            return ExitCodes.BadInput;
        }

        using var client = new SwitchboardClient(connection, SwitchboardClient.DefaultTimeout);
        return await ServerCall.GuardAsync(client, async () =>
        {
            var response = await client.RunAsync(CommandLineText.Join(words), idempotencyKey, cancellationToken);
            if (!response.IsSuccess)
            {
                if (mode == OutputMode.Json)
                {
                    Console.WriteLine(response.Body);
                }

                await Console.Error.WriteLineAsync(response.Problem().ToString());
                return response.ExitCode;
            }

            ReplyOutput.Write(response.Body, mode);
            return ExitCodes.Ok;
        }, cancellationToken);
    }
}
