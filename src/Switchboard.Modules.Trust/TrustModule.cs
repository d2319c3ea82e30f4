using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Switchboard.Core.Commands;
using Switchboard.Core.Modules;
using Switchboard.Core.SecondFactors;
using Switchboard.Core.Security;
using Switchboard.Modules.Trust.Approvals;
using Switchboard.Modules.Trust.ApproveRequest;
using Switchboard.Modules.Trust.ConfirmTotp;
using Switchboard.Modules.Trust.DenyRequest;
using Switchboard.Modules.Trust.EnrollDuo;
using Switchboard.Modules.Trust.EnrollSecurityKey;
using Switchboard.Modules.Trust.EnrollTotp;
using Switchboard.Modules.Trust.EnrollYubiKey;
using Switchboard.Modules.Trust.Factors;
using Switchboard.Modules.Trust.ListApprovals;
using Switchboard.Modules.Trust.ListFactors;
using Switchboard.Modules.Trust.RemoveFactor;
using Switchboard.Modules.Trust.ReportSuspectActions;
using Switchboard.Modules.Trust.Secrets;
using Switchboard.Modules.Trust.SecurityKeys;
using Switchboard.Modules.Trust.ShowPermissions;
using Switchboard.Modules.Trust.Verifications;
using Switchboard.Modules.Trust.VerifySecondFactor;

namespace Switchboard.Modules.Trust;

/// <summary>
/// Second factors: authenticator apps (TOTP), YubiKey OTP, security keys (WebAuthn) and Duo push, the <c>verify</c> that makes
/// a person verified for a while, guessing limits, and the core's <see cref="IStepUp"/>, which holds commands that
/// need a second factor until their person verifies (or approves at a step-up link with a security key); the core's
/// <see cref="IApprovals"/>, which holds commands that need a second person until someone with the role in the
/// owning team approves; and <c>permissions</c>.
/// </summary>
public static class TrustModule
{
    public static IServiceCollection AddTrustModule(this IServiceCollection services)
    {
        services.AddOptions<TrustOptions>().BindConfiguration(TrustOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<YubiCloudOptions>().BindConfiguration(YubiCloudOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TrustOptions>, TrustOptionsValidation>();
        services.AddSingleton<IValidateOptions<YubiCloudOptions>, TrustOptionsValidation>();
        services.AddSingleton<AtRestEncryption>();
        services.AddHttpClient<YubiCloudClient>(http => http.Timeout = TimeSpan.FromSeconds(10));
        services.AddScoped<YubiKeyValidation>();
        services.AddOptions<DuoOptions>().BindConfiguration(DuoOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DuoOptions>, TrustOptionsValidation>();
        // Duo holds auth_status open until the person answers; the push's own deadline is DuoOptions.PushTimeout.
        services.AddHttpClient<DuoAuthClient>(http => http.Timeout = TimeSpan.FromSeconds(90));
        services.AddScoped<DuoPushes>();
        services.AddScoped<AuthenticatorCodes>();
        services.AddScoped<AttemptLimiter>();
        services.AddScoped<ResumeHeldInvocations>();
        services.AddScoped<IStepUp, SecondFactorStepUp>();
        services.AddScoped<SecondFactorPassed>();
        services.AddOptions<WebAuthnOptions>().BindConfiguration(WebAuthnOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RelyingParty>();
        services.AddScoped<Ceremonies>();
        services.AddScoped<KeyAssertions>();
        services.AddScoped<ISecurityKeyCeremonies, SecurityKeyCeremonies>();
        services.AddSingleton<SuspectActionQueue>();
        services.AddSingleton<ISecurityFeed, SecurityChannelFeed>();
        services.AddHostedService<PostSuspectActions>();
        services.AddOptions<ApprovalOptions>().BindConfiguration(ApprovalOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApprovalOptions>, ApprovalOptionsValidation>();
        services.AddScoped<ApprovalRequests>();
        services.AddScoped<IApprovals>(services => services.GetRequiredService<ApprovalRequests>());

        services.AddSwitchboardModule(name: "trust", owningTeam: "platform")
            .AddEntityConfigurationsFrom(typeof(TrustModule).Assembly)
            .AddCommand<EnrollTotpCommand>()
            .AddCommand<ConfirmTotpCommand>()
            .AddCommand<ListFactorsCommand>()
            .AddCommand<RemoveFactorCommand>()
            .AddCommand<EnrollYubiKeyCommand>()
            .AddCommand<EnrollSecurityKeyCommand>()
            .AddCommand<EnrollDuoCommand>()
            .AddCommand<VerifySecondFactorCommand>()
            .AddCommand<ListApprovalsCommand>()
            .AddCommand<ApproveRequestCommand>()
            .AddCommand<DenyRequestCommand>()
            .AddCommand<ShowPermissionsCommand>();

        return services;
    }
}
