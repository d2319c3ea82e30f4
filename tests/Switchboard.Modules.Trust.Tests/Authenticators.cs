using OtpNet;
using Switchboard.Testing;

namespace Switchboard.Modules.Trust.Tests;

/// <summary>An authenticator app on a person's phone: it holds the secret Switchboard showed and computes codes from it.</summary>
internal sealed class TestAuthenticator(byte[] secret)
{
    public string CodeAt(DateTimeOffset time) => new Totp(secret).ComputeTotp(time.UtcDateTime);

    /// <summary>A code that is none of the three a verifier accepts around <paramref name="time"/>.</summary>
    public string WrongCodeAt(DateTimeOffset time)
    {
        var accepted = new[] { time.AddSeconds(-30), time, time.AddSeconds(30) }.Select(CodeAt).ToHashSet();
        return Enumerable.Range(0, 10).Select(i => $"{i}{i}{i}{i}{i}{i}").First(code => !accepted.Contains(code));
    }
}

internal static class Authenticators
{
    /// <summary>Enrolls an authenticator app for the person with the product's commands, as they would.</summary>
    public static async Task<TestAuthenticator> EnrollAsync(SwitchboardHost host, TestPerson person, CancellationToken cancellationToken)
    {
        var enrolled = await host.RunAsync(person, "factors enroll totp", cancellationToken);
        Assert.True(enrolled.IsSuccess, $"{enrolled.Code}: {enrolled.Detail}");
        var app = new TestAuthenticator(Base32Encoding.ToBytes(enrolled.Field("Secret")));
        var confirmed = await host.RunAsync(person, $"factors confirm totp {app.CodeAt(host.Clock.GetUtcNow())}", cancellationToken);
        Assert.True(confirmed.IsSuccess, $"{confirmed.Code}: {confirmed.Detail}");

        // The confirming code is used up; the app shows the next one with the next time step.
        host.Clock.Advance(TimeSpan.FromSeconds(30));
        return app;
    }

    public static Task<ApiOutcome> VerifyAsync(this SwitchboardHost host, TestPerson person, TestAuthenticator app, CancellationToken cancellationToken) =>
        host.RunAsync(person, $"verify {app.CodeAt(host.Clock.GetUtcNow())}", cancellationToken);
}
