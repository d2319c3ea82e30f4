using Microsoft.Extensions.Options;
using Switchboard.Core.Links;
using Switchboard.Core.People;
using Switchboard.Data.Database;

namespace Switchboard.Server.Hosting;

/// <summary>What runs before the server listens, and the sub-commands that run instead of it.</summary>
internal static class StartupTasks
{
    /// <summary>
    /// One process on SQLite migrates at start; several processes share PostgreSQL, where an explicit
    /// <c>migrate</c> runs once and every server refuses a schema it does not know.
    /// </summary>
    public static async Task<string?> PrepareDatabaseAsync(this WebApplication app, ServerRole role)
    {
        var database = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (role != ServerRole.All && database.Provider == DatabaseProvider.Sqlite)
        {
            return $"--role {role.ToString().ToLowerInvariant()} runs beside other processes, which SQLite cannot serve: set Database:Provider to Postgres.";
        }

        var schema = app.Services.GetRequiredService<DatabaseSchema>();
        if (role == ServerRole.All)
        {
            await schema.MigrateAsync(app.Lifetime.ApplicationStopping);
            return null;
        }

        var pending = await schema.PendingMigrationsAsync(app.Lifetime.ApplicationStopping);
        return pending.Count == 0
            ? null
            : $"The database lacks {pending.Count} migrations ({string.Join(", ", pending)}); run the 'migrate' command first.";
    }

    public static async Task<int> MigrateAsync(this WebApplication app)
    {
        await app.Services.GetRequiredService<DatabaseSchema>().MigrateAsync(CancellationToken.None);
        await Console.Out.WriteLineAsync("The database schema is up to date.");
        return 0;
    }

    public static async Task<int> BootstrapAsync(this WebApplication app)
    {
        var email = app.Configuration["email"];
        if (string.IsNullOrWhiteSpace(email))
        {
            await Console.Error.WriteLineAsync("Usage: bootstrap --email <email> [--name <name>]");
            return 2;
        }

        await app.Services.GetRequiredService<DatabaseSchema>().MigrateAsync(CancellationToken.None);
        await using var scope = app.Services.CreateAsyncScope();
        var bootstrap = scope.ServiceProvider.GetRequiredService<IFirstAdminBootstrap>();
        var admin = await bootstrap.CreateFirstAdminAsync(email, app.Configuration["name"], CancellationToken.None);
        if (admin.Person is null)
        {
            await Console.Error.WriteLineAsync(admin.Error!.Detail);
            return 1;
        }

        var link = await scope.ServiceProvider.GetRequiredService<IWebSessions>().IssueLinkAsync(admin.Person.Id, admin.Person.Id, CancellationToken.None);
        await Console.Out.WriteLineAsync($"Created the first administrator, @{admin.Person.Handle} <{admin.Person.Email}>.");
        await Console.Out.WriteLineAsync("Sign in to the web console with this link (it works once, for 24 hours):");
        await Console.Out.WriteLineAsync(app.Services.GetRequiredService<PublicLinks>().SignIn(link.Code).AbsoluteUri);
        await Console.Out.WriteLineAsync("Their personal API token (shown once; send it as 'Authorization: Bearer <token>'):");
        await Console.Out.WriteLineAsync(admin.Token);
        return 0;
    }
}
