using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using Switchboard.Cli.FollowDeployment;
using Switchboard.Cli.Login;
using Switchboard.Cli.Rendering;
using Switchboard.Cli.RunCommand;
using Switchboard.Cli.Watch;

namespace Switchboard.Cli;

/// <summary>The shape of <c>sb</c>: any command words go to the server; <c>login</c> and <c>watch</c> are sb's own.</summary>
internal static class SbCommand
{
    private const string Description = """
        Runs Switchboard commands from a terminal, as you.

        Examples:
          sb login https://switchboard.example.com --token swb_...
          sb team show ops
          sb say '#ops' "the failover is done"
          sb whoami --plain
          sb deploy api@v1.4.2 to staging      # follows it to the end; exit 5 if it fails
          sb watch ops

        Quote #channels for the shell ('#ops'), or it reads the rest of the line as a comment.
        sb's options go before the command words; --plain, --json, --no-follow and --no-progress
        may also follow them.
        After an explicit --, every word goes to the server. SWITCHBOARD_URL and SWITCHBOARD_TOKEN
        override the stored login; SWITCHBOARD_CONFIG_DIR moves it.
        """;

    /// <summary>
    /// Response files are off: <c>@alice</c> is a person to Switchboard, not a file of arguments to read.
    /// </summary>
    public static ParserConfiguration Parsing { get; } = new() { ResponseFileTokenReplacer = null };

    public static RootCommand Create(TimeProvider clock)
    {
        var plain = new Option<bool>("--plain") { Description = "Print the server's plain text, as when output is piped.", Recursive = true };
        var json = new Option<bool>("--json") { Description = "Print the JSON the server sent.", Recursive = true };
        var idempotencyKey = new Option<string?>("--idempotency-key")
        {
            Description = "Send this Idempotency-Key, so that running the same command again with it does not repeat it.",
            HelpName = "key",
        };
        var noFollow = new Option<bool>("--no-follow", "--detach")
        {
            Description = "After deploy, promote or rollback, return with the reply instead of following the deployment to its end.",
        };
        var noProgress = new Option<bool>("--no-progress")
        {
            Description = "Follow a deployment line by line instead of with a live display (also when NO_COLOR is set or output is piped).",
        };
        var words = new Argument<string[]>("command")
        {
            Description = "The command as you would type it in chat, such as: team show ops.",
            Arity = ArgumentArity.ZeroOrMore,
            CaptureRemainingTokens = true,
            // Without a name of its own, help would list the completions, asking the server for them.
            HelpName = "command words",
        };
        words.CompletionSources.Add(context => CommandCompletions.Suggest(context, context.ParseResult.GetValue(words) ?? []));

        var root = new RootCommand(Description) { plain, json, idempotencyKey, noFollow, noProgress, words, Login(), Watch(plain, json, clock) };
        root.SetAction(async (result, cancellationToken) =>
        {
            var given = CommandWords.Split(result, result.GetValue(words) ?? []);
            if (given.Command.Count == 0)
            {
                await Console.Error.WriteLineAsync("Give a command to run, such as 'sb help', or see 'sb --help'.");
                return ExitCodes.BadInput;
            }

            var mode = ReplyOutput.Choose(result.GetValue(plain) || given.Plain, result.GetValue(json) || given.Json);
            var follow = result.GetValue(noFollow) || given.NoFollow
                ? (FollowDisplay?)null
                : FollowDeploymentAction.DisplayFor(mode, result.GetValue(noProgress) || given.NoProgress);
            return await RunCommandAction.RunAsync(given.Command, mode, result.GetValue(idempotencyKey), follow, clock, cancellationToken);
        });

        AddExitCodesToHelp(root);
        return root;
    }

    private static Command Login()
    {
        var url = new Argument<string>("url") { Description = "The server's address, such as https://switchboard.example.com." };
        var token = new Option<string?>("--token")
        {
            Description = "A personal API token (swb_...); '-' reads it from standard input; SWITCHBOARD_TOKEN when omitted.",
            HelpName = "token",
        };
        var login = new Command("login", "Check a token against the server and store both for the next runs (in a file only you can read).") { url, token };
        login.SetAction((result, cancellationToken) => LoginAction.RunAsync(result.GetRequiredValue(url), result.GetValue(token), cancellationToken));
        return login;
    }

    private static Command Watch(Option<bool> plain, Option<bool> json, TimeProvider clock)
    {
        var channel = new Argument<string>("channel") { Description = "ops or #ops, @handle for someone's inbox, or inbox for yours." };
        var interval = new Option<double>("--interval") { Description = "Seconds between polls.", DefaultValueFactory = _ => 1, HelpName = "seconds" };
        var count = new Option<int>("--count") { Description = "Stop after printing this many messages.", HelpName = "n" };

        var watch = new Command("watch", "Print messages posted to a built-in channel from now on, until Ctrl+C.") { channel, interval, count };
        watch.SetAction((result, cancellationToken) => WatchAction.RunAsync(
            result.GetRequiredValue(channel),
            result.GetValue(interval),
            result.GetResult(count) is null ? null : result.GetValue(count),
            ReplyOutput.Choose(result.GetValue(plain), result.GetValue(json)),
            clock,
            cancellationToken));
        return watch;
    }

    private static void AddExitCodesToHelp(RootCommand root)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        if (help.Action is SynchronousCommandLineAction standard)
        {
            help.Action = new HelpWithExitCodes(standard);
        }
    }

    private sealed class HelpWithExitCodes(SynchronousCommandLineAction standard) : SynchronousCommandLineAction
    {
        // Help is what a mistyped command line asks for, so it must not count as one.
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            var exit = standard.Invoke(parseResult);
            parseResult.InvocationConfiguration.Output.Write(ExitCodes.HelpText);
            return exit;
        }
    }
}
