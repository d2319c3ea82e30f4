using System.Globalization;

namespace Switchboard.Bench.Api;

/// <summary>
/// A process's context switches, voluntary and not, summed over its threads' <c>/proc/&lt;pid&gt;/task/*/status</c>
/// (a process's own <c>status</c> counts its first thread only). A thread that ends takes its count along.
/// </summary>
internal static class ContextSwitches
{
    private static readonly string[] Fields = ["voluntary_ctxt_switches:", "nonvoluntary_ctxt_switches:"];

    public static long Of(int processId) => Directory.EnumerateDirectories($"/proc/{processId}/task").Sum(OfThread);

    private static long OfThread(string task)
    {
        try
        {
            return File.ReadLines(Path.Combine(task, "status"))
                .Where(line => Fields.Any(field => line.StartsWith(field, StringComparison.Ordinal)))
                .Sum(line => long.Parse(line[(line.IndexOf(':') + 1)..].Trim(), CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            // The thread ended between the listing and the read.
            return 0;
        }
    }
}
