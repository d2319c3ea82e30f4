using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Data;
using Switchboard.Modules.Deploy.Deployments;
using Switchboard.Modules.Deploy.RunDeployment;

namespace Switchboard.Modules.Deploy.FollowDeployment;

/// <summary>
/// <c>GET /api/deploys/{id}/events</c>: a deployment as server-sent events, from its first line (or after the
/// <c>Last-Event-ID</c> a reconnecting client sends) until it ends: <c>step</c> and <c>output</c> events carry a line,
/// and the last, <c>end</c>, carries its state as JSON. It reads the database, so it follows a deployment that another
/// server process runs; authenticated like the rest of the API.
/// </summary>
internal static class DeploymentEventsEndpoint
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public static RouteHandlerBuilder MapDeploymentEvents(this IEndpointRouteBuilder api) =>
        api.MapGet("/deploys/{id:long}/events", FollowAsync)
            .WithName("FollowDeployment")
            .WithSummary("A deployment's steps, output and end as server-sent events.");

    private static async Task<IResult> FollowAsync(long id, HttpContext context, IServiceScopeFactory scopes, CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SwitchboardDbContext>();
            if (!await db.Set<Deployment>().AnyAsync(d => d.Id == id, cancellationToken))
            {
                var error = DeployErrors.UnknownDeployment(id);
                return TypedResults.Problem(error.Detail, statusCode: StatusCodes.Status404NotFound, title: error.Title, extensions: new Dictionary<string, object?> { ["code"] = error.Code });
            }
        }

        var after = int.TryParse(context.Request.Headers["Last-Event-ID"], NumberStyles.None, CultureInfo.InvariantCulture, out var resumed) ? resumed : 0;
        return TypedResults.ServerSentEvents(EventsAsync(id, after, scopes, cancellationToken));
    }

    private static async IAsyncEnumerable<SseItem<string>> EventsAsync(
        long id, int after, IServiceScopeFactory scopes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SwitchboardDbContext>();
            var deployment = await db.Set<Deployment>().AsNoTracking().SingleAsync(d => d.Id == id, cancellationToken);
            var lines = await db.Set<DeploymentLine>().AsNoTracking()
                .Where(l => l.DeploymentId == id && l.Number > after)
                .OrderBy(l => l.Number)
                .ToListAsync(cancellationToken);
            foreach (var line in lines)
            {
                yield return new SseItem<string>(line.Text, line.Step is null ? "output" : "step") { EventId = line.Number.ToString(CultureInfo.InvariantCulture) };
                after = line.Number;
            }

            // Its state was read before its lines: once it had ended, every line it wrote was among them.
            if (deployment.ActiveKey is null)
            {
                var end = JsonSerializer.Serialize(new
                {
                    id,
                    state = deployment.State.ToString().ToLowerInvariant(),
                    summary = $"{DeploymentMessages.Title(deployment)}: {deployment.Describe()} {DeploymentMessages.Outcome(deployment)}",
                    code = deployment.ErrorCode,
                    version = deployment.Version,
                    url = deployment.Url,
                });
                yield return new SseItem<string>(end, "end");
                yield break;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }
}
