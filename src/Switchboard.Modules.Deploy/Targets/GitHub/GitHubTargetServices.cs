using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Switchboard.Modules.Deploy.Targets.GitHub;

internal static class GitHubTargetServices
{
    /// <summary>The <c>github</c> target and its client.</summary>
    public static IServiceCollection AddGitHubTarget(this IServiceCollection services)
    {
        services.AddGitHubClient();
        services.AddScoped<IDeployTarget, GitHubTarget>();
        return services;
    }

    /// <summary>The GitHub client deploys share (the <c>heroku</c> target fetches archive links with it); registered once however often it is asked for.</summary>
    public static IServiceCollection AddGitHubClient(this IServiceCollection services)
    {
        if (services.Any(s => s.ServiceType == typeof(GitHubClient)))
        {
            return services;
        }

        services.AddOptions<GitHubTargetOptions>().BindConfiguration(GitHubTargetOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        // No retry handler: a repeated deployment request would deploy twice. Redirects are not followed: an
        // archive link is read from Location, and the token must not travel to wherever a redirect points.
        services.AddHttpClient<GitHubClient>(ConfigureClient)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        return services;
    }

    /// <summary>Every GitHub client of deploys (targets and the CI gate) calls Switchboard's one <c>GitHub:ApiUrl</c>.</summary>
    public static void ConfigureClient(IServiceProvider services, HttpClient http)
    {
        var apiUrl = services.GetRequiredService<IConfiguration>()["GitHub:ApiUrl"] ?? "https://api.github.com/";
        http.BaseAddress = new Uri(apiUrl.EndsWith('/') ? apiUrl : apiUrl + "/");
        http.Timeout = TimeSpan.FromSeconds(30);
        // https://docs.github.com/en/rest/using-the-rest-api/getting-started-with-the-rest-api#headers (GitHub refuses requests without a User-Agent).
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github+json"));
        http.DefaultRequestHeaders.Add("X-GitHub-Api-Version", "2022-11-28");
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Switchboard", "1.0"));
    }
}
