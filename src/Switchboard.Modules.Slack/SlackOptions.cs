namespace Switchboard.Modules.Slack;

/// <summary>The <c>Slack</c> section: the app's credentials and the Web API it talks to.</summary>
internal sealed class SlackOptions
{
    public const string SectionName = "Slack";

    /// <summary>Verifies that a request to <c>/slack/...</c> came from Slack (<c>v0</c> HMAC-SHA256). Never logged.</summary>
    public string? SigningSecret { get; set; }

    /// <summary>The bot token (<c>xoxb-...</c>) the Web API client sends. Never logged.</summary>
    public string? BotToken { get; set; }

    /// <summary>The app-level token (<c>xapp-...</c>) that opens Socket Mode connections. Never logged.</summary>
    public string? AppToken { get; set; }

    /// <summary>Any Slack-compatible Web API, such as the emulator in tests; ends with <c>/</c>.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://slack.com/api/");

    /// <summary>How long a Web API call may take before Switchboard gives up on its answer.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
