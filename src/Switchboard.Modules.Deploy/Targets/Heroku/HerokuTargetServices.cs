using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Switchboard.Modules.Deploy.Targets.GitHub;

namespace Switchboard.Modules.Deploy.Targets.Heroku;

internal static class HerokuTargetServices
{
    /// <summary>The <c>heroku</c> target, the <see cref="HerokuStatus"/> read, and the clients they use.</summary>
    public static IServiceCollection AddHerokuTarget(this IServiceCollection services)
    {
        services.AddOptions<HerokuTargetOptions>().BindConfiguration(HerokuTargetOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        // No retry handler: a repeated build or promotion request would ship twice.
        services.AddHttpClient<HerokuClient>(ConfigureClient);
        services.AddGitHubClient();
        services.AddScoped<IDeployTarget, HerokuTarget>();
        services.AddScoped<HerokuStatus>();
        return services;
    }

    private static void ConfigureClient(IServiceProvider services, HttpClient http)
    {
        http.BaseAddress = services.GetRequiredService<IOptions<HerokuTargetOptions>>().Value.ApiBaseUrl;
        http.Timeout = TimeSpan.FromSeconds(30);
        http.DefaultRequestHeaders.UserAgent.ParseAdd("Switchboard/1.0");
    }
}
