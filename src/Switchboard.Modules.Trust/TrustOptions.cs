using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Switchboard.Modules.Trust;

/// <summary>The <c>Trust</c> section: how long a second factor counts, how long a command waits for one, and guessing limits.</summary>
internal sealed class TrustOptions
{
    public const string SectionName = "Trust";

    /// <summary>How long a <c>verify</c> covers commands that need verified and name no lifetime of their own.</summary>
    public TimeSpan VerificationLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a command refused for want of a second factor waits for its person's <c>verify</c>.</summary>
    public TimeSpan PendingLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Wrong codes within <see cref="FailureWindow"/> before a person's second factors lock.</summary>
    [Range(1, 100)]
    public int MaxFailedAttempts { get; set; } = 5;

    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The key that seals second-factor secrets and waiting commands in the database: 32 bytes, base64. Required
    /// when several processes share a database; without it, one process keeps its key in
    /// <c>trust-secret.key</c> beside the SQLite file (never in the database).
    /// </summary>
    public string? SecretKey { get; set; }

    /// <summary>
    /// The built-in channel (name without <c>#</c>) that receives suspect actions; it reaches Slack when a bridge
    /// carries it. Unset: nothing is posted.
    /// </summary>
    public string? SecurityChannel { get; set; }

    /// <summary>The name authenticator apps show beside the person's account.</summary>
    [Required]
    public string TotpIssuer { get; set; } = "Switchboard";
}

/// <summary>The <c>Trust:YubiCloud</c> section: a YubiCloud-compatible validation server (protocol 2.0).</summary>
internal sealed class YubiCloudOptions
{
    public const string SectionName = "Trust:YubiCloud";

    public Uri ValidationUrl { get; set; } = new("https://api.yubico.com/wsapi/2.0/verify");

    /// <summary>The client id Yubico issued with the API key; without it, only keys enrolled with their AES secret validate.</summary>
    public string? ClientId { get; set; }

    /// <summary>The API key, base64: it signs requests and checks that answers come from the server. Never logged.</summary>
    public string? ApiKey { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ClientId);
}

/// <summary>The <c>Trust:Duo</c> section: a Duo Auth API application, for push approval on a person's phone.</summary>
internal sealed class DuoOptions
{
    public const string SectionName = "Trust:Duo";

    /// <summary>The application's API hostname as a URL, such as <c>https://api-xxxxxxxx.duosecurity.com</c>.</summary>
    public Uri? ApiUrl { get; set; }

    public string? IntegrationKey { get; set; }

    /// <summary>Signs every request (HMAC-SHA512). Never logged.</summary>
    public string? SecretKey { get; set; }

    /// <summary>How long a push waits for its person before it counts as not approved; Duo's own limit is about a minute.</summary>
    public TimeSpan PushTimeout { get; set; } = TimeSpan.FromSeconds(75);

    public bool IsConfigured => ApiUrl is not null && !string.IsNullOrWhiteSpace(IntegrationKey) && !string.IsNullOrWhiteSpace(SecretKey);
}

/// <summary>Refuses to start on lifetimes that make no sense or keys that do not decode.</summary>
internal sealed class TrustOptionsValidation : IValidateOptions<TrustOptions>, IValidateOptions<YubiCloudOptions>, IValidateOptions<DuoOptions>
{
    public ValidateOptionsResult Validate(string? name, TrustOptions options)
    {
        var problems = new List<string>();
        foreach (var (setting, value) in new[]
        {
            ("VerificationLifetime", options.VerificationLifetime),
            ("PendingLifetime", options.PendingLifetime),
            ("FailureWindow", options.FailureWindow),
            ("LockoutDuration", options.LockoutDuration),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                problems.Add($"Trust:{setting} must be a positive duration, such as 00:15:00.");
            }
        }

        if (options.SecretKey is { } key && !IsBase64OfLength(key, 32))
        {
            problems.Add("Trust:SecretKey must be 32 random bytes in base64 (openssl rand -base64 32).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    public ValidateOptionsResult Validate(string? name, YubiCloudOptions options)
    {
        var problems = new List<string>();
        if (!options.ValidationUrl.IsAbsoluteUri || options.ValidationUrl.Scheme is not ("https" or "http"))
        {
            problems.Add("Trust:YubiCloud:ValidationUrl must be an absolute http(s) URL, e.g. https://api.yubico.com/wsapi/2.0/verify.");
        }

        if (options.ApiKey is { } key && !IsBase64OfLength(key, null))
        {
            problems.Add("Trust:YubiCloud:ApiKey must be the API key in base64, as Yubico issued it.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static bool IsBase64OfLength(string text, int? length)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text.Trim(), buffer, out var written) && written > 0 && (length is null || written == length);
    }

    public ValidateOptionsResult Validate(string? name, DuoOptions options)
    {
        var given = new[] { options.ApiUrl is not null, !string.IsNullOrWhiteSpace(options.IntegrationKey), !string.IsNullOrWhiteSpace(options.SecretKey) };
        if (given.All(g => !g))
        {
            return ValidateOptionsResult.Success;
        }

        var problems = new List<string>();
        if (given.Any(g => !g))
        {
            problems.Add("Trust:Duo needs ApiUrl, IntegrationKey and SecretKey together, as the Duo Admin Panel shows them for an Auth API application.");
        }

        if (options.ApiUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("https" or "http")))
        {
            problems.Add("Trust:Duo:ApiUrl must be an absolute URL, e.g. https://api-xxxxxxxx.duosecurity.com.");
        }

        if (options.PushTimeout <= TimeSpan.Zero)
        {
            problems.Add("Trust:Duo:PushTimeout must be positive.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
