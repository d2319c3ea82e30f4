using Switchboard.Cli.Api;
using Switchboard.Cli.Configuration;
using Switchboard.Cli.FollowDeployment;
using Switchboard.Cli.Rendering;

namespace Switchboard.Cli.RunCommand;

/// <summary>
/// <c>sb &lt;command words&gt;</c>: runs one command through <c>POST /api/commands</c> and shows the reply. When
/// the server answers that the command needs a secret (<c>vault set</c>'s token), sb reads it from standard
/// input, without echo at a terminal, and sends the command again with it beside the line. When the reply names a
/// deployment the command started, sb follows it to its end, unless told <c>--no-follow</c>; when it waits for a
/// second person's approval instead, sb says what starts it later and how to follow it then.
/// </summary>
internal static class RunCommandAction
{
    private const string SecretRequired = "core.secret-required";

    public static async Task<int> RunAsync(
        IReadOnlyList<string> words, OutputMode mode, string? idempotencyKey, FollowDisplay? follow, TimeProvider clock, CancellationToken cancellationToken)
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
            var text = CommandLineText.Join(words);
            var response = await client.RunAsync(text, idempotencyKey, secret: null, cancellationToken);
            if (!response.IsSuccess && response.Problem().Code == SecretRequired)
            {
                var secret = await SecretInput.ReadAsync(text, cancellationToken);
                if (string.IsNullOrEmpty(secret))
                {
                    await Console.Error.WriteLineAsync($"'{text}' needs a secret, and standard input had none: pipe it in (sb {text} < token.txt) or type it when asked.");
                    return ExitCodes.BadInput;
                }

                response = await client.RunAsync(text, idempotencyKey, secret, cancellationToken);
            }

            if (!response.IsSuccess)
            {
                if (mode == OutputMode.Json)
                {
                    Console.WriteLine(response.Body);
                }

                var refusal = response.Problem();
                await Console.Error.WriteLineAsync(refusal.ToString());
                if (refusal.Code == StartedDeployment.ApprovalRequired && StartedDeployment.IsStarting(words))
                {
                    await Console.Error.WriteLineAsync(StartedDeployment.WhileAwaitingApproval);
                }

                return response.ExitCode;
            }

            ReplyOutput.Write(response.Body, mode);
            return follow is { } display && StartedDeployment.NumberIn(words, CommandReply.Parse(response.Body)) is { } deployment
                ? await FollowDeploymentAction.RunAsync(client, deployment, display, clock, cancellationToken)
                : ExitCodes.Ok;
        }, cancellationToken);
    }
}
