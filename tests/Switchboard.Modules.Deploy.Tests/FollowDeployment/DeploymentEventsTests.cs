using System.Net;
using System.Text.Json;

namespace Switchboard.Modules.Deploy.Tests.FollowDeployment;

/// <summary><c>GET /api/deploys/{id}/events</c>: a deployment's steps and output as they happen, then its end, for clients such as sb.</summary>
public sealed class DeploymentEventsTests(DeploySqliteHost host) : IClassFixture<DeploySqliteHost>
{
    [Fact]
    public async Task AClientFollowsADeploymentFromItsFirstLineToItsEnd()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await DeployHost.ArrangeCatalogAsync(host, cancellationToken);
        var mia = await DeployHost.MemberAsync(host, "follow-mia", cancellationToken);
        var id = DeployHost.NumberIn(await host.RunAsync(mia, "deploy api@held to staging", cancellationToken));

        using var client = host.ApiClient(mia);
        using var response = await client.GetAsync($"/api/deploys/{id}/events", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream);
        var firstStep = await ReadUntilAsync(reader, "data: Migrating", cancellationToken);
        await DeployHost.ReleaseAsync(host, id, cancellationToken);
        var rest = await reader.ReadToEndAsync(cancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"event: output\ndata: Deploying api@held to staging as follow-mia (deployment {id}, deploy)\n", firstStep, StringComparison.Ordinal);
        Assert.Contains("event: step\ndata: Migrating\nid: ", firstStep + rest, StringComparison.Ordinal);
        Assert.Contains("event: output\ndata: done\n", rest, StringComparison.Ordinal);
        var end = JsonDocument.Parse(rest[(rest.IndexOf("event: end\ndata: ", StringComparison.Ordinal) + 17)..].Split('\n')[0]).RootElement;
        Assert.Equal("succeeded", end.GetProperty("state").GetString());
        Assert.Equal($"#{id}: api@held to staging succeeded (held)", end.GetProperty("summary").GetString());
    }

    [Fact]
    public async Task AnUnknownDeploymentIsNotFoundAndAStrangerIsNotLetIn()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = host.ApiClient(host.Admin);
        using var anonymous = host.AnonymousClient();

        using var unknown = await client.GetAsync("/api/deploys/424242/events", cancellationToken);
        using var stranger = await anonymous.GetAsync("/api/deploys/1/events", cancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("deploy.unknown-deployment", await unknown.Content.ReadAsStringAsync(cancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, stranger.StatusCode);
    }

    private static async Task<string> ReadUntilAsync(StreamReader reader, string expected, CancellationToken cancellationToken)
    {
        var read = new System.Text.StringBuilder();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            read.Append(line).Append('\n');
            if (line == expected)
            {
                break;
            }
        }

        return read.ToString();
    }
}
