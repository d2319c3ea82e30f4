using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Switchboard.Bench.Api;

/// <summary>
/// Signed GitHub <c>issues</c> deliveries made from the real <c>opened</c> payload, each with its own delivery id and
/// its own issue title (<c>Bench delivery &lt;n&gt;</c>), so that its message in the channel can be told apart.
/// </summary>
internal sealed class GitHubDelivery
{
    public const string SecretSetting = "Hooks:github:Secrets:0";
    public const string SignatureHeader = "X-Hub-Signature-256";
    public const string SignaturePrefix = "sha256=";
    public const string TitlePrefix = "Bench delivery ";
    private const string FixtureTitle = "\"title\": \"Spelling error in the README file\"";

    private readonly string _template;
    private readonly byte[] _secret;
    private long _sent;

    private GitHubDelivery(string template, string secret)
    {
        _template = template;
        Secret = secret;
        _secret = Encoding.UTF8.GetBytes(secret);
    }

    public string Secret { get; }

    /// <summary>Sets aside numbers for <paramref name="count"/> deliveries made with <see cref="Request"/>; returns the first.</summary>
    public long Reserve(int count) => Interlocked.Add(ref _sent, count) - count;

    /// <param name="fixtures">The shared fixtures folder (the repository's <c>SharedFixtures</c>); the payload is never committed here.</param>
    public static GitHubDelivery FromFixtures(string fixtures)
    {
        var path = Path.Combine(fixtures, "github", "issues", "opened.payload.json");
        var payload = File.Exists(path) ? File.ReadAllText(path) : throw new BenchFailure($"No GitHub payload at '{path}'; name the fixtures folder with --fixtures.");
        return payload.Contains(FixtureTitle, StringComparison.Ordinal)
            ? new GitHubDelivery(payload, Convert.ToHexString(RandomNumberGenerator.GetBytes(32)))
            : throw new BenchFailure($"'{path}' no longer holds the issue title this bench replaces ({FixtureTitle}).");
    }

    public HttpRequestMessage Next() => Request(Interlocked.Increment(ref _sent) - 1);

    public HttpRequestMessage Request(long number)
    {
        var body = Encoding.UTF8.GetBytes(_template.Replace(FixtureTitle, $"\"title\": \"{TitlePrefix}{number.ToString(CultureInfo.InvariantCulture)}\"", StringComparison.Ordinal));
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpRequestMessage(HttpMethod.Post, "/hooks/github")
        {
            Headers =
            {
                { SignatureHeader, SignaturePrefix + Convert.ToHexStringLower(HMACSHA256.HashData(_secret, body)) },
                { "X-GitHub-Event", "issues" },
                { "X-GitHub-Delivery", Guid.NewGuid().ToString() },
                { "User-Agent", "GitHub-Hookshot/bench" },
            },
            Content = content,
        };
    }
}
