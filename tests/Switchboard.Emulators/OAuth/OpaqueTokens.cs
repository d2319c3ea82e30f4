using System.Security.Cryptography;

namespace Switchboard.Emulators.OAuth;

/// <summary>Random token text in the shapes vendors issue, so that secret scanning recognises the emulators' tokens too.</summary>
internal static class OpaqueTokens
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>A prefix and base62 characters, as GitHub's <c>ghu_</c> and <c>ghr_</c> tokens.</summary>
    public static string Base62Of(string prefix, int length) => prefix + RandomNumberGenerator.GetString(Base62, length);
}
