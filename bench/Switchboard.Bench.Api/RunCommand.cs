using System.Net.Http.Headers;

namespace Switchboard.Bench.Api;

/// <summary>The request every client of the API bench sends to both servers; the minimal endpoint ignores the token.</summary>
internal static class RunCommand
{
    public static HttpRequestMessage Request(string token) => Request(token, "whoami");

    public static HttpRequestMessage Request(string token, string command) => new(HttpMethod.Post, "/api/commands")
    {
        Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
        Content = JsonContent.Create(new { text = command }),
    };
}
