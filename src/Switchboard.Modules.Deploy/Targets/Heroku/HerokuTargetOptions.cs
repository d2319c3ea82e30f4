using System.ComponentModel.DataAnnotations;

namespace Switchboard.Modules.Deploy.Targets.Heroku;

/// <summary>The <c>heroku</c> target's own settings, under <c>Deploy:Heroku</c>.</summary>
internal sealed class HerokuTargetOptions
{
    public const string SectionName = "Deploy:Heroku";

    [Required]
    public Uri ApiBaseUrl { get; set; } = new("https://api.heroku.com/");

    /// <summary>How long to wait between reads of a pending build's or promotion's status.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long a build or promotion may stay pending before the deployment gives up following it.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(30);
}
