using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Switchboard.Core;
using Switchboard.Core.Links;
using Switchboard.Core.Replies;
using Switchboard.Data;
using Switchboard.Delivery;
using Switchboard.EventLog;
using Switchboard.Modules.Deploy;
using Switchboard.Modules.Notify;
using Switchboard.Modules.Paging;
using Switchboard.Modules.Rolodex;
using Switchboard.Modules.Slack;
using Switchboard.Modules.Trust;
using Switchboard.Server.Api;
using Switchboard.Server.Api.Channels;
using Switchboard.Server.Api.Commands;
using Switchboard.Server.Api.Config;
using Switchboard.Server.Authentication;
using Switchboard.Server.Health;
using Switchboard.Server.Hooks;
using Switchboard.Server.Hosting;
using Switchboard.Server.WebConsole;

var subcommand = args.FirstOrDefault() is "migrate" or "bootstrap" ? args[0] : null;
// appsettings.json ships beside the binary; relative paths such as the data directory stay relative to where it runs.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = subcommand is null ? args : args[1..],
    ContentRootPath = AppContext.BaseDirectory,
});
if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
{
    builder.WebHost.UseUrls("http://localhost:5080");
}

builder.Host.UseDefaultServiceProvider(options =>
{
    options.ValidateScopes = true;
    options.ValidateOnBuild = true;
});
builder.AddSwitchboardTelemetry();

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<IMemoryPoolFactory<byte>, ReceiveBufferPools>();
builder.Services.ConfigureHttpJsonOptions(options => ReplyJson.Configure(options.SerializerOptions));
builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemCodes.Customize);
builder.Services.AddExceptionHandler<BadRequestHandler>();
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
// No default scheme: each endpoint's policy names its own, so webhooks and Slack, which prove themselves by signature,
// do not pay for an authentication no one reads.
builder.Services.AddAuthentication()
    .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, configureOptions: null)
    .AddScheme<AuthenticationSchemeOptions, SessionAuthentication>(SessionAuthentication.SchemeName, configureOptions: null);
builder.Services.AddAuthorization(options =>
{
    options.DefaultPolicy = new AuthorizationPolicyBuilder(ApiTokenAuthentication.SchemeName).RequireAuthenticatedUser().Build();
    options.AddPolicy(SessionAuthentication.PolicyName, policy => policy.AddAuthenticationSchemes(SessionAuthentication.SchemeName).RequireAuthenticatedUser());
});
builder.Services.AddOptions<PublicLinkOptions>().Bind(builder.Configuration.GetSection(PublicLinkOptions.Section));
builder.Services.AddWebConsole();
builder.Services.AddSingleton<HookTelemetry>();
builder.Services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);

builder.Services.AddSwitchboardCore();
builder.Services.AddSwitchboardData(builder.Configuration);
builder.Services.AddRolodexModule();
builder.Services.AddSwitchboardDelivery(builder.Configuration);
builder.Services.AddSwitchboardEventLog(builder.Configuration);
builder.Services.AddEventLogEngine(builder.Configuration);
builder.Services.AddNotifyModule();
builder.Services.AddTrustModule();
builder.Services.AddSlackModule();
builder.Services.AddDeployModule();
builder.Services.AddPagingModule();
builder.Services.Configure<EventLogOptions>(options => options.Consume = builder.Configuration.GetValue("role", ServerRole.All) != ServerRole.Web);
builder.Services.Configure<DeliveryOptions>(options => options.Outbox.Dispatch = builder.Configuration.GetValue("role", ServerRole.All) != ServerRole.Web);

var app = builder.Build();

switch (subcommand)
{
    case "migrate":
        return await app.MigrateAsync();
    case "bootstrap":
        return await app.BootstrapAsync();
}

var role = builder.Configuration.GetValue("role", ServerRole.All);
if (await app.PrepareDatabaseAsync(role) is { } refusal)
{
    await Console.Error.WriteLineAsync(refusal);
    return 1;
}

app.UseForwardedHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

if (role != ServerRole.Worker)
{
    var api = app.MapGroup("/api")
        .RequireAuthorization()
        .WithMetadata(new RequestSizeLimitAttribute(1024 * 1024));
    api.MapRunCommand();
    api.MapListCommands();
    api.MapListChannels();
    api.MapReadChannel();
    api.MapConfig();
    api.MapDeploy();
    app.MapHooks();
    app.MapSlack();
    app.MapStaticAssets();
    app.MapConsole();
}

app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
app.MapPrometheusScrapingEndpoint("/metrics");

app.Logger.Started(role, builder.Configuration["Database:Provider"] ?? "Sqlite");
try
{
    await app.RunAsync();
}
catch (OptionsValidationException invalid)
{
    await Console.Error.WriteLineAsync($"Switchboard did not start: its configuration is not valid.{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", invalid.Failures)}");
    return 1;
}

return 0;
