using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Switchboard.Emulators.Duo;

/// <summary>
/// Duo's Auth API v2 as https://duo.com/docs/authapi describes it: <c>preauth</c>, <c>auth</c> with <c>factor=push</c> and
/// <c>async=1</c>, and <c>auth_status</c>; every request signed (HMAC-SHA512 over date, method, host, path and sorted
/// parameters, as the Basic password); answers <c>{"stat": "OK", "response": ...}</c> or <c>{"stat": "FAIL", "code", "message"}</c>.
/// </summary>
internal static class AuthEndpoints
{
    private static readonly TimeSpan DateTolerance = TimeSpan.FromMinutes(5);

    public static void MapAuth(this IEndpointRouteBuilder app, DuoState state)
    {
        app.MapPost("/auth/v2/preauth", async (HttpRequest request) => await SignedAsync(request, state, parameters => Preauth(state, parameters)));
        app.MapPost("/auth/v2/auth", async (HttpRequest request) => await SignedAsync(request, state, parameters => Auth(state, parameters)));
        app.MapGet("/auth/v2/auth_status", async (HttpRequest request) => await SignedAsync(request, state, parameters => Status(state, parameters)));
    }

    private static IResult Preauth(DuoState state, Dictionary<string, string> parameters)
    {
        if (parameters.GetValueOrDefault("username") is not { } username)
        {
            return Fail(400, 40002, "Invalid request parameters", "username");
        }

        var user = state.UserNamed(username);
        if (user is null)
        {
            return Ok(new { result = "enroll", status_msg = "Enroll an authentication device to proceed", enroll_portal_url = "https://api-emulator.duosecurity.com/portal" });
        }

        object[] devices = user.CanPush
            ? [new { device = "DPFZRS9FB0D46QFTM899", type = "phone", number = "XXX-XXX-0100", name = "Phone", capabilities = new[] { "auto", "push", "sms", "phone", "mobile_otp" } }]
            : [new { device = "DPFZRS9FB0D46QFTM890", type = "token", capabilities = new[] { "mobile_otp" } }];
        return user.Status switch
        {
            "auth" => Ok(new { result = "auth", status_msg = "Account is active", devices }),
            "allow" => Ok(new { result = "allow", status_msg = "Allowing unknown user" }),
            "enroll" => Ok(new { result = "enroll", status_msg = "Enroll an authentication device to proceed" }),
            _ => Ok(new { result = "deny", status_msg = "Your account is disabled." }),
        };
    }

    private static IResult Auth(DuoState state, Dictionary<string, string> parameters)
    {
        if (parameters.GetValueOrDefault("username") is not { } username || parameters.GetValueOrDefault("factor") is not ("push" or "auto"))
        {
            return Fail(400, 40002, "Invalid request parameters", "factor");
        }

        if (parameters.GetValueOrDefault("async") != "1")
        {
            return Fail(400, 40002, "Invalid request parameters", "async: the emulator answers pushes asynchronously only");
        }

        if (state.UserNamed(username) is not { Status: "auth", CanPush: true } user)
        {
            return Fail(400, 40002, "Invalid request parameters", "username");
        }

        var push = state.Send(user, parameters.GetValueOrDefault("type") ?? "Login request");
        return Ok(new { txid = push.TransactionId });
    }

    /// <summary>The first ask finds the push just sent; the next finds the person's answer, as Duo's long poll would.</summary>
    private static IResult Status(DuoState state, Dictionary<string, string> parameters)
    {
        if (parameters.GetValueOrDefault("txid") is not { } txid || state.PushWith(txid) is not { } push)
        {
            return Fail(400, 40002, "Invalid request parameters", "txid");
        }

        if (++push.StatusCalls == 1)
        {
            return Ok(new { result = "waiting", status = "pushed", status_msg = "Pushed a login request to your device..." });
        }

        return state.UserNamed(push.Username)!.Answer switch
        {
            PushAnswer.Approve => Ok(new { result = "allow", status = "allow", status_msg = "Success. Logging you in..." }),
            PushAnswer.Deny => Ok(new { result = "deny", status = "deny", status_msg = "Login request denied." }),
            PushAnswer.Fraud => Ok(new { result = "deny", status = "fraud", status_msg = "Request reported as fraudulent." }),
            PushAnswer.Ignore => Ok(new { result = "deny", status = "timeout", status_msg = "Login timed out." }),
        };
    }

    private static async Task<IResult> SignedAsync(HttpRequest request, DuoState state, Func<Dictionary<string, string>, IResult> answer)
    {
        var parameters = request.HasFormContentType
            ? (await request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal)
            : request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        var date = request.Headers.Date.ToString();
        if (!DateTimeOffset.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.None, out var sentAt)
            || (sentAt - state.Clock.GetUtcNow()).Duration() > DateTolerance)
        {
            return Fail(401, 40105, "Request has expired", "the Date header is missing or too far from now");
        }

        if (!Authorized(request, state, date, parameters))
        {
            return Fail(401, 40103, "Invalid signature in request credentials", null);
        }

        return answer(parameters);
    }

    private static bool Authorized(HttpRequest request, DuoState state, string date, Dictionary<string, string> parameters)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            return false;
        }

        string credentials;
        try
        {
            credentials = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..]));
        }
        catch (FormatException)
        {
            return false;
        }

        var (user, signature) = credentials.Split(':', 2) is [var u, var s] ? (u, s) : ("", "");
        var canonical = string.Join('&', parameters
            .Select(p => (Name: Uri.EscapeDataString(p.Key), Value: Uri.EscapeDataString(p.Value)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}"));
        var expected = Convert.ToHexStringLower(HMACSHA512.HashData(
            Encoding.UTF8.GetBytes(state.SecretKey),
            Encoding.UTF8.GetBytes(string.Join('\n', date, request.Method.ToUpperInvariant(), request.Host.Value!.ToLowerInvariant(), request.Path.Value, canonical))));
        return user == state.IntegrationKey
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature), Encoding.ASCII.GetBytes(expected));
    }

    private static IResult Ok(object response) => Results.Json(new { stat = "OK", response });

    private static IResult Fail(int status, int code, string message, string? detail) =>
        Results.Json(new { stat = "FAIL", code, message, message_detail = detail }, statusCode: status);
}
