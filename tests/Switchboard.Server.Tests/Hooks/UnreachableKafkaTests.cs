using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Hooks;

/// <summary>
/// With the Kafka engine and no broker to acknowledge an append, a verified webhook is not acknowledged:
/// its sender gets a 503 it retries, with a code and a trace id, and nothing of the failure.
/// </summary>
public sealed class UnreachableKafkaTests(UnreachableKafkaTests.NoBrokerHost host) : IClassFixture<UnreachableKafkaTests.NoBrokerHost>
{
    private const string Secret = "unreachable-kafka-secret";

    [Fact(Timeout = 30_000)]
    public async Task AWebhookNoBrokerAcknowledgesGetsA503ToRetry()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var body = "{\"zen\":\"Keep it logically awesome.\"}"u8.ToArray();
        using var http = host.AnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/github") { Content = new ByteArrayContent(body) };
        request.Headers.Add("X-GitHub-Event", "ping");
        request.Headers.Add("X-GitHub-Delivery", "delivery-no-broker");
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), body)));

        using var response = await http.SendAsync(request, cancellationToken);
        var problem = await ApiOutcome.ReadAsync(response, cancellationToken);

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "hooks.log-unavailable"), (problem.Status, problem.Code));
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.False(string.IsNullOrWhiteSpace(problem.Body.GetProperty("traceId").GetString()));
        Assert.DoesNotContain("Exception", problem.Body.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Kafka configured at a loopback port nobody listens on, and an append timeout of one second.</summary>
    public sealed class NoBrokerHost : SqliteHost
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
        {
            ["Hooks:github:Secrets:0"] = Secret,
            ["EventLog:Engine"] = "Kafka",
            ["EventLog:Kafka:BootstrapServers"] = $"127.0.0.1:{UnusedPort()}",
            ["EventLog:Kafka:CreateTopic"] = "false",
            ["EventLog:Kafka:Settings:message.timeout.ms"] = "1000",
        };

        private static int UnusedPort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
