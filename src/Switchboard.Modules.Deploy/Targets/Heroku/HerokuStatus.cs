using Switchboard.Core.Credentials;
using Switchboard.Core.Errors;
using Switchboard.Core.People;

namespace Switchboard.Modules.Deploy.Targets.Heroku;

/// <summary>
/// What Heroku says an app is running now, read with the person's own token, for <c>status &lt;app&gt;</c>:
/// its latest releases, its dynos and its add-ons.
/// </summary>
internal sealed class HerokuStatus(HerokuClient heroku, IServiceCredentials credentials)
{
    public const int ReleasesShown = 5;

    public async Task<HerokuAppStatus> ReadAsync(PersonId person, string app, CancellationToken cancellationToken)
    {
        var token = await credentials.GetAsync(person, "heroku", cancellationToken);
        if (token.Credential is not { } credential)
        {
            return HerokuAppStatus.Failed(token.Error!);
        }

        var found = await heroku.GetAppAsync(credential.Value, app, cancellationToken);
        if (found.Value is not { } herokuApp)
        {
            return HerokuAppStatus.Failed(found.Error!);
        }

        var releases = await heroku.ListReleasesAsync(credential.Value, app, ReleasesShown, cancellationToken);
        var dynos = await heroku.ListDynosAsync(credential.Value, app, cancellationToken);
        var addOns = await heroku.ListAddOnsAsync(credential.Value, app, cancellationToken);
        if (releases.Value is null || dynos.Value is null || addOns.Value is null)
        {
            return HerokuAppStatus.Failed(releases.Error ?? dynos.Error ?? addOns.Error!);
        }

        return new HerokuAppStatus(
            herokuApp,
            releases.Value.Select(r => new HerokuReleaseLine($"v{r.Version}", r.Description ?? "", r.User?.Email, r.CreatedAt, r.Current)).ToList(),
            dynos.Value.Select(d => new HerokuDynoLine(d.Name, d.State, d.Size, d.Release is { } release ? $"v{release.Version}" : null)).ToList(),
            addOns.Value.Select(a => new HerokuAddOnLine(a.Name, a.Plan?.Name ?? a.AddonService?.Name ?? "", a.State)).ToList(),
            null);
    }
}

/// <summary>The app as Heroku sees it, or the error that kept it from being read.</summary>
/// <param name="Releases">Newest first.</param>
internal sealed record HerokuAppStatus(
    HerokuAppResource? App,
    IReadOnlyList<HerokuReleaseLine> Releases,
    IReadOnlyList<HerokuDynoLine> Dynos,
    IReadOnlyList<HerokuAddOnLine> AddOns,
    Error? Error)
{
    public static HerokuAppStatus Failed(Error error) => new(null, [], [], [], error);
}

internal sealed record HerokuReleaseLine(string Version, string Description, string? By, DateTimeOffset At, bool IsCurrent);

internal sealed record HerokuDynoLine(string Name, string State, string? Size, string? Release);

internal sealed record HerokuAddOnLine(string Name, string Plan, string? State);
