namespace Switchboard.Bench.Api;

internal sealed class BenchFailure(string message) : Exception(message);
