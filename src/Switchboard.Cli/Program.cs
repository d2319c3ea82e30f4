using System.CommandLine.Invocation;
using Switchboard.Cli;

var parsed = SbCommand.Create(TimeProvider.System).Parse(args, SbCommand.Parsing);
if (parsed.Action is ParseErrorAction usageError)
{
    // The error and a pointer to --help say enough; the whole help text would bury the error.
    usageError.ShowHelp = false;
    var shown = await parsed.InvokeAsync();
    await Console.Error.WriteLineAsync("See 'sb --help'.");
    // System.CommandLine reports usage errors with 1; sb's contract says bad input is 2.
    return shown == 0 ? 0 : ExitCodes.BadInput;
}

return await parsed.InvokeAsync();
