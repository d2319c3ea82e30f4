using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Switchboard.Core.Commands;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Api;

/// <summary>Every way a request can be wrong gets its own 4xx, a ProblemDetails body and a code; never a 5xx.</summary>
public abstract class ErrorResponsesTests(SwitchboardHost host)
{
    [Fact]
    public async Task MalformedJsonIsABadRequestWithItsCode()
    {
        using var client = host.ApiClient(host.Admin);

        using var response = await client.PostAsync(
            "/api/commands", new StringContent("{\"text\": \"whoami\"", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "api.malformed-request");
    }

    [Fact]
    public async Task ABodyWithNeitherTextNorCommandIsRefused()
    {
        using var client = host.ApiClient(host.Admin);

        using var response = await client.PostAsJsonAsync("/api/commands", new { }, TestContext.Current.CancellationToken);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "api.text-or-command");
    }

    [Fact]
    public async Task AnUnknownCommandSuggestsTheClosestOne()
    {
        var outcome = await host.RunAsync(host.Admin, "whoam", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, outcome.Status);
        Assert.Equal("core.unknown-command", outcome.Code);
        Assert.Contains("Did you mean 'whoami'?", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingArgumentIsNamed()
    {
        var outcome = await host.RunAsync(host.Admin, "team create", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, outcome.Status);
        Assert.Equal("core.missing-argument", outcome.Code);
        Assert.Contains("<name>", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABodyOverOneMebibyteIsTooLarge()
    {
        using var client = host.ApiClient(host.Admin);
        var huge = new string('a', 1024 * 1024 + 1);

        // As a careful client sends a large body: the server may refuse it before it is sent, where
        // otherwise it answers and closes while the client is still writing, and the client sees a reset.
        client.DefaultRequestHeaders.ExpectContinue = true;
        using var response = await client.PostAsync(
            "/api/commands", new StringContent($"{{\"text\": \"{huge}\"}}", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "api.body-too-large");
    }

    [Fact]
    public async Task AMissingTokenIsUnauthorized()
    {
        using var client = host.AnonymousClient();

        using var response = await client.PostAsJsonAsync("/api/commands", new { text = "whoami" }, TestContext.Current.CancellationToken);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "auth.missing-token");
    }

    [Fact]
    public async Task AWrongTokenIsUnauthorized()
    {
        using var client = host.AnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "swb_not-a-real-token");

        using var response = await client.PostAsJsonAsync("/api/commands", new { text = "whoami" }, TestContext.Current.CancellationToken);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "auth.malformed-token");
    }

    [Fact]
    public async Task AWellFormedTokenWhoseRecordIsGoneIsUnauthorized()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("forgotten", cancellationToken);
        await host.ExecuteSqlAsync($"DELETE FROM rolodex_api_tokens WHERE name LIKE 'test-%' AND person_id IN (SELECT id FROM rolodex_people WHERE handle = 'forgotten')", cancellationToken);

        var outcome = await host.RunAsync(person, "whoami", cancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, outcome.Status);
        Assert.Equal("auth.unknown-token", outcome.Code);
    }

    [Fact]
    public async Task ARevokedTokenIsUnauthorized()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("revoker", cancellationToken);
        var laptop = await host.RunAsync(person, "token create laptop", cancellationToken);
        var token = laptop.Field("Token")!;
        await host.RunAsync(person, "token revoke laptop", cancellationToken);

        var outcome = await host.RunAsync(person with { Token = token }, "whoami", cancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, outcome.Status);
        Assert.Equal("auth.token-revoked", outcome.Code);
    }

    [Fact]
    public async Task APersonWithoutThePermissionIsForbidden()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("notanadmin", cancellationToken);

        var outcome = await host.RunAsync(person, "team create secret-club", cancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, outcome.Status);
        Assert.Equal("core.permission-denied", outcome.Code);
        Assert.Contains("rolodex.manage-teams", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReadOnlyTokenCannotChangeAnything()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.AddPersonAsync("reader", cancellationToken);
        var reader = await host.TokenForAsync("reader", ActorAccess.ReadOnly, cancellationToken);

        var read = await host.RunAsync(reader, "whoami", cancellationToken);
        var write = await host.RunAsync(reader, "channel create readers", cancellationToken);

        Assert.True(read.IsSuccess);
        Assert.Equal(HttpStatusCode.Forbidden, write.Status);
        Assert.Equal("core.read-only-credential", write.Code);
    }

    [Fact]
    public async Task ACommandLineOverFourThousandCharactersIsTooLarge()
    {
        var outcome = await host.RunAsync(host.Admin, "say #ops " + new string('a', 4_000), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, outcome.Status);
        Assert.Equal("core.command-too-long", outcome.Code);
    }

    [Fact]
    public async Task AControlCharacterInAStructuredArgumentIsRefused()
    {
        using var client = host.ApiClient(host.Admin);

        using var response = await client.PostAsJsonAsync(
            "/api/commands", new { command = "say", arguments = new { to = "#ops", text = "a\u0000b" } }, TestContext.Current.CancellationToken);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "core.control-character");
    }

    [Fact]
    public async Task AStructuredRequestLongerThanACommandLineIsTooLarge()
    {
        using var client = host.ApiClient(host.Admin);

        using var response = await client.PostAsJsonAsync(
            "/api/commands", new { command = "token revoke", arguments = new { name = new string('a', 9_000) } }, TestContext.Current.CancellationToken);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "core.command-too-long");
    }

    [Fact]
    public async Task AnUnknownRouteIsNotFoundWithACode()
    {
        using var client = host.ApiClient(host.Admin);

        using var response = await client.GetAsync("/api/nothing-here", TestContext.Current.CancellationToken);

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "api.not-found");
    }

    [Fact]
    public async Task ANonNumericPageCursorIsABadRequest()
    {
        using var client = host.ApiClient(host.Admin);

        using var response = await client.GetAsync("/api/channels/ops/messages?after=yesterday", TestContext.Current.CancellationToken);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "api.malformed-request");
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var outcome = await ApiOutcome.ReadAsync(response, TestContext.Current.CancellationToken);
        Assert.Equal(status, outcome.Status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, outcome.Code);
        Assert.DoesNotContain("Exception", outcome.Body.ToString(), StringComparison.Ordinal);
    }
}

public sealed class ErrorResponsesOnSqliteTests(SqliteHost host) : ErrorResponsesTests(host), IClassFixture<SqliteHost>;

public sealed class ErrorResponsesOnPostgresTests(PostgresHost host) : ErrorResponsesTests(host), IClassFixture<PostgresHost>;
