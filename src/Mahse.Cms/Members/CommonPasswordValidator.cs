using System.Collections.Frozen;
using System.Reflection;
using Mahse.Cms.Persistence;
using Microsoft.AspNetCore.Identity;

namespace Mahse.Cms.Members;

/// <summary>
/// Refuses passwords that are on a list of common and breached ones (ignoring case and a trailing run of digits
/// or symbols people add to satisfy rules), or that contain the member's own email name.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<MemberRow>
{
    private static readonly FrozenSet<string> Common = Load();

    public Task<IdentityResult> ValidateAsync(UserManager<MemberRow> manager, MemberRow user, string? password)
    {
        var lowered = (password ?? "").Trim().ToLowerInvariant();
        var stem = lowered.TrimEnd("0123456789!?.@#$%&*_-".ToCharArray());
        if (Common.Contains(lowered) || (stem.Length >= 4 && Common.Contains(stem)))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "CommonPassword", Description = "This password is too common; choose one that is harder to guess." }));
        }

        var localPart = user.Email.Split('@')[0].ToLowerInvariant();
        if (localPart.Length >= 4 && lowered.Contains(localPart, StringComparison.Ordinal))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordContainsEmail", Description = "The password must not contain your email address." }));
        }

        return Task.FromResult(IdentityResult.Success);
    }

    public static bool IsCommon(string password) => Common.Contains(password.Trim().ToLowerInvariant());

    private static FrozenSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Mahse.Cms.Members.common-passwords.txt")
            ?? throw new InvalidOperationException("The common password list is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith('#')).Select(l => l.ToLowerInvariant()).ToFrozenSet();
    }
}
