namespace Switchboard.Modules.Paging;

/// <summary>The <c>Paging</c> section: where PagerDuty's REST API is, the account key to fall back on, and where pages go by default.</summary>
internal sealed class PagingOptions
{
    public const string SectionName = "Paging";

    public Uri ApiUrl { get; set; } = new("https://api.pagerduty.com/");

    /// <summary>
    /// A REST API key of the account (a secret; set it from the environment as <c>Paging__ApiKey</c>), used for a person
    /// without their own OAuth token, with the <c>From</c> header naming their proven PagerDuty login e-mail. Unset: only
    /// people who connected PagerDuty can act.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>The PagerDuty service id that <c>page @person</c> opens incidents on when none of the person's teams owns one.</summary>
    public string? DefaultService { get; set; }

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
