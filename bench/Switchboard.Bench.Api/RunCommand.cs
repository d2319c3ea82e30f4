using System.Net.Http.Headers;

namespace Switchboard.Bench.Api;

/// <summary>The request every client sends to both servers; the minimal endpoint ignores the token.</summary>
internal static class RunCommand
{
    public static HttpRequestMessage Request(string token) => new(HttpMethod.Post, "/api/commands")
    {
        Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
        Content = new StringContent("""{"text":"whoami"}""", MediaTypeHeaderValue.Parse("application/json")),
    };
}
