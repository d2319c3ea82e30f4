using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Switchboard.Server.WebConsole;

internal static class WebConsoleServices
{
    public static IServiceCollection AddWebConsole(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddSingleton<ConsoleCookies>();
        services.AddSingleton<IConfigureOptions<AntiforgeryOptions>>(services => services.GetRequiredService<ConsoleCookies>());
        services.Configure<ForwardedHeadersOptions>(options => options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);
        services.AddSingleton<ConsoleTranscript>();
        services.AddSingleton<ChannelStream>();
        services.AddScoped<ConsolePages>();
        return services;
    }
}
