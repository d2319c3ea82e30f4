namespace Switchboard.Bench.Api;

/// <summary>The least an ASP.NET Core server can do for the same request: the ceiling for Switchboard's throughput.</summary>
internal static class MinimalEndpoint
{
    public static async Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/api/commands", () => Results.Ok(new { text = "ok" }));
        await app.RunAsync();
    }
}
