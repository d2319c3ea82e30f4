using System.Globalization;
using Microsoft.Extensions.Options;
using Switchboard.Core.Commands;
using Switchboard.Modules.Deploy.Deployments;

namespace Switchboard.Modules.Deploy;

/// <summary>
/// The <c>Deploy</c> section: the apps people deploy, each with its repository, owning service, pipeline and
/// environments. It lives in appsettings and environment variables only; the configuration-as-code YAML is the
/// catalog's and does not carry it.
/// </summary>
internal sealed class DeployOptions
{
    public const string SectionName = "Deploy";

    /// <summary>Where every finished deployment's change-control notice goes, without <c>#</c>; none when unset.</summary>
    public string? ChangeControlChannel { get; set; }

    public Dictionary<string, AppOptions> Apps { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The app by its name, ignoring case, with the name as configured.</summary>
    public (string Name, AppOptions App)? FindApp(string name) =>
        Apps.FirstOrDefault(a => string.Equals(a.Key, name, StringComparison.OrdinalIgnoreCase)) is { Value: not null } found
            ? (found.Key, found.Value)
            : null;
}

/// <summary><c>Deploy:Apps:&lt;app&gt;</c>.</summary>
internal sealed class AppOptions
{
    /// <summary>The GitHub repository, <c>owner/repo</c>, whose CI gates a deploy.</summary>
    public string? Repository { get; set; }

    /// <summary>The catalog service that owns the app: its team approves and locks, its alerts stop deploys.</summary>
    public string Service { get; set; } = "";

    /// <summary>Environment names in the order a build goes through them; <c>promote</c> moves only forward along it.</summary>
    public List<string> Pipeline { get; set; } = [];

    public Dictionary<string, EnvironmentOptions> Environments { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public (string Name, EnvironmentOptions Environment)? FindEnvironment(string name) =>
        Environments.FirstOrDefault(e => string.Equals(e.Key, name, StringComparison.OrdinalIgnoreCase)) is { Value: not null } found
            ? (found.Key, found.Value)
            : null;
}

/// <summary><c>Deploy:Apps:&lt;app&gt;:Environments:&lt;env&gt;</c>; a target reads its own further settings from the same section.</summary>
internal sealed class EnvironmentOptions
{
    /// <summary><c>script</c>, <c>heroku</c> or <c>github</c>.</summary>
    public string Target { get; set; } = "";

    /// <summary>For the script target: the shell command that deploys.</summary>
    public string? Command { get; set; }

    /// <summary>For the script target: how long the command may run before it is stopped and the deployment fails.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary><c>identified</c> or <c>verified</c> (a second factor just now).</summary>
    public string Assurance { get; set; } = "identified";

    /// <summary>The role in the owning team whose holder must approve each deploy (<c>lead</c>); none when unset.</summary>
    public string? Approval { get; set; }

    /// <summary>
    /// The chat channels a deploy to this environment may be asked from, without <c>#</c>; any when empty.
    /// Today's dispatch does not tell a command which channel it came from, so these are checked only once it does.
    /// </summary>
    public List<string> Channels { get; set; } = [];

    /// <summary>CI contexts that must be green on the ref, in GitHub's combined status and in its check runs.</summary>
    public List<string> RequiredContexts { get; set; } = [];

    public WindowOptions? Window { get; set; }

    public AssuranceLevel AssuranceLevel =>
        string.Equals(Assurance, "verified", StringComparison.OrdinalIgnoreCase) ? AssuranceLevel.Verified : AssuranceLevel.Identified;
}

/// <summary>When deploys are allowed: on these days, between these times, in this time zone.</summary>
internal sealed class WindowOptions
{
    /// <summary>English day names (<c>Monday</c>); every day when empty.</summary>
    public List<DayOfWeek> Days { get; set; } = [];

    /// <summary><c>HH:mm</c>, local to <see cref="TimeZone"/>.</summary>
    public string Start { get; set; } = "00:00";

    /// <summary><c>HH:mm</c>, local to <see cref="TimeZone"/>; before <see cref="Start"/> for a window past midnight.</summary>
    public string End { get; set; } = "23:59";

    /// <summary>An IANA time zone, such as <c>Europe/Berlin</c>.</summary>
    public string TimeZone { get; set; } = "UTC";

    public TimeOnly StartTime => TimeOnly.ParseExact(Start, "HH:mm", CultureInfo.InvariantCulture);

    public TimeOnly EndTime => TimeOnly.ParseExact(End, "HH:mm", CultureInfo.InvariantCulture);

    public bool Contains(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(TimeZone));
        var time = TimeOnly.FromTimeSpan(local.TimeOfDay);
        var inHours = StartTime <= EndTime ? time >= StartTime && time < EndTime : time >= StartTime || time < EndTime;
        return inHours && (Days.Count == 0 || Days.Contains(local.DayOfWeek));
    }

    public string Describe() =>
        $"{(Days.Count == 0 ? "every day" : string.Join(", ", Days))} {Start}–{End} {TimeZone}";
}

/// <summary>Refuses to start on configuration that would make a deploy fail later, each problem named by its key.</summary>
internal sealed class DeployOptionsValidation : IValidateOptions<DeployOptions>
{
    private static readonly string[] Targets = ["script", "heroku", "github"];

    public ValidateOptionsResult Validate(string? name, DeployOptions options)
    {
        var problems = new List<string>();
        foreach (var (appName, app) in options.Apps)
        {
            var key = $"Deploy:Apps:{appName}";
            if (!DeployNames.IsValid(appName))
            {
                problems.Add($"{key}: an app's name is lower-case letters, digits and dashes, such as 'api'.");
            }

            if (string.IsNullOrWhiteSpace(app.Service))
            {
                problems.Add($"{key}:Service must name the catalog service that owns the app, such as 'api'.");
            }

            if (app.Repository is { } repository && repository.Split('/') is not [{ Length: > 0 }, { Length: > 0 }])
            {
                problems.Add($"{key}:Repository must be a GitHub repository as owner/repo.");
            }

            if (app.Environments.Count == 0)
            {
                problems.Add($"{key}:Environments must name at least one environment, such as 'staging'.");
            }

            foreach (var stage in app.Pipeline.Where(stage => app.FindEnvironment(stage) is null))
            {
                problems.Add($"{key}:Pipeline names '{stage}', which is not one of its Environments.");
            }

            foreach (var (environmentName, environment) in app.Environments)
            {
                problems.AddRange(Problems($"{key}:Environments:{environmentName}", environmentName, environment, app));
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static IEnumerable<string> Problems(string key, string name, EnvironmentOptions environment, AppOptions app)
    {
        if (!DeployNames.IsValid(name))
        {
            yield return $"{key}: an environment's name is lower-case letters, digits and dashes, such as 'production'.";
        }

        if (!Targets.Contains(environment.Target, StringComparer.OrdinalIgnoreCase))
        {
            yield return $"{key}:Target must be script, heroku or github.";
        }

        if (string.Equals(environment.Target, "script", StringComparison.OrdinalIgnoreCase) && string.IsNullOrWhiteSpace(environment.Command))
        {
            yield return $"{key}:Command must be the shell command the script target runs.";
        }

        if (environment.Timeout <= TimeSpan.Zero)
        {
            yield return $"{key}:Timeout must be a positive duration, such as 00:30:00.";
        }

        if (environment.Assurance.ToLowerInvariant() is not ("identified" or "verified"))
        {
            yield return $"{key}:Assurance must be identified or verified.";
        }

        if (environment.Approval is { } role && !TeamRoles.IsRole(role.Trim().ToLowerInvariant()))
        {
            yield return $"{key}:Approval must be member, lead or admin.";
        }

        if (environment.RequiredContexts.Count > 0 && app.Repository is null)
        {
            yield return $"{key}:RequiredContexts need the app's Repository, where CI reports them.";
        }

        if (environment.Window is { } window)
        {
            foreach (var problem in WindowProblems($"{key}:Window", window))
            {
                yield return problem;
            }
        }
    }

    private static IEnumerable<string> WindowProblems(string key, WindowOptions window)
    {
        if (!TimeOnly.TryParseExact(window.Start, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            yield return $"{key}:Start must be a time as HH:mm, such as 09:00.";
        }

        if (!TimeOnly.TryParseExact(window.End, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            yield return $"{key}:End must be a time as HH:mm, such as 17:00.";
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(window.TimeZone, out _))
        {
            yield return $"{key}:TimeZone must be an IANA time zone, such as Europe/Berlin.";
        }
    }
}
