using System.Net.Mail;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mahse.Cms.Content;
using Mahse.Cms.Content.PropertyEditors;
using Mahse.Cms.Email;
using Mahse.Cms.Persistence;
using Mahse.Cms.Schema;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mahse.Cms.Members;

public sealed record MemberRegistration(string? Name, string? Email, string? Password, IReadOnlyDictionary<string, JsonNode?>? Values);

public sealed record MemberProblem(IReadOnlyDictionary<string, string[]> Errors);

public enum MemberSignInStatus
{
    Success,
    Failed,
    LockedOut,
    NotAllowed,
}

public sealed record MemberSignIn(MemberSignInStatus Status, MemberRow? Member);

/// <summary>A member as the member sees it: name, email and the member type's values, plus their groups.</summary>
public sealed record MemberProfile(Guid Id, string Name, string Email, IReadOnlyList<string> Groups, IReadOnlyDictionary<string, JsonNode?> Values,
    DateTime CreateDate, DateTime UpdateDate, DateTime? LastLoginDate);

/// <summary>
/// Everything a member does to their own account: register (no account until the email is confirmed), confirm,
/// sign in (lock-out after repeated failures), reset a forgotten password by an emailed one-time link, edit,
/// download and delete their data. Answers never reveal whether an email address has an account.
/// </summary>
public sealed class MemberService(
    UserManager<MemberRow> users,
    ICmsDbContextFactory contexts,
    SchemaCache schema,
    PropertyValueValidator validator,
    MemberEmails emails,
    Auth.MemberTokenRevoker revoker,
    Search.IndexManager indexes,
    IOptions<MemberOptions> options,
    ILogger<MemberService> logger)
{
    /// <param name="passwordLater">
    /// For registrations from a form (Forms never keep passwords): the member gets no password now and chooses one
    /// when they follow the confirmation link.
    /// </param>
    public async Task<MemberProblem?> RegisterAsync(MemberRegistration registration, Uri siteUrl, CancellationToken ct, bool passwordLater = false)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var name = registration.Name?.Trim() ?? "";
        var email = registration.Email?.Trim() ?? "";
        if (name.Length is 0 or > 255 || name.Any(char.IsControl))
        {
            errors["name"] = ["A name of 1 to 255 characters is required."];
        }

        if (!IsEmail(email))
        {
            errors["email"] = ["A valid email address is required."];
        }

        var memberType = (await schema.GetAsync(ct)).FindContentType(options.Value.MemberTypeAlias)
            ?? throw new InvalidOperationException($"Member type '{options.Value.MemberTypeAlias}' does not exist.");
        RefuseReadOnly(memberType, registration.Values, errors);
        var values = await ValidateValuesAsync(memberType, registration.Values, errors, ct);

        var candidate = new MemberRow { Key = Guid.NewGuid(), Email = email, Name = name };
        foreach (var passwordValidator in passwordLater ? [] : users.PasswordValidators)
        {
            var result = await passwordValidator.ValidateAsync(users, candidate, registration.Password ?? "");
            if (!result.Succeeded)
            {
                errors["password"] = result.Errors.Select(e => e.Description).ToArray();
                break;
            }
        }

        if (errors.Count > 0)
        {
            return new MemberProblem(errors);
        }

        if (await users.FindByEmailAsync(email) is { } existing)
        {
            // Same answer as a new registration; the owner of the address learns by email instead.
            await emails.AlreadyRegisteredAsync(existing, siteUrl, ct);
            return null;
        }

        await using (var db = contexts.CreateDbContext())
        {
            candidate.MemberTypeId = await db.ContentTypes.Where(t => t.Key == memberType.Key).Select(t => t.Id).SingleAsync(ct);
        }

        candidate.ValuesJson = ContentValues.Serialize(values);
        var created = passwordLater ? await users.CreateAsync(candidate) : await users.CreateAsync(candidate, registration.Password!);
        if (!created.Succeeded)
        {
            if (created.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateEmail)))
            {
                return null;
            }

            return new MemberProblem(new Dictionary<string, string[]> { ["member"] = created.Errors.Select(e => e.Description).ToArray() });
        }

        await indexes.RefreshMemberAsync(candidate.Key, ct);
        await emails.ConfirmEmailAsync(candidate, await users.GenerateEmailConfirmationTokenAsync(candidate), siteUrl, ct);
        return null;
    }

    /// <summary>Confirms the address, approves the member and adds them to the registration group; false for a bad or expired link.</summary>
    public async Task<bool> ConfirmEmailAsync(Guid memberKey, string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || await users.FindByIdAsync(memberKey.ToString("D")) is not { } member)
        {
            return false;
        }

        if (member.EmailConfirmed)
        {
            return await users.VerifyUserTokenAsync(member, users.Options.Tokens.EmailConfirmationTokenProvider, UserManager<MemberRow>.ConfirmEmailTokenPurpose, token);
        }

        if (!(await users.ConfirmEmailAsync(member, token)).Succeeded)
        {
            return false;
        }

        member = (await users.FindByIdAsync(memberKey.ToString("D")))!;
        member.IsApproved = true;
        await users.UpdateAsync(member);
        await users.AddToRoleAsync(member, options.Value.RegistrationGroup);
        await indexes.RefreshMemberAsync(member.Key, ct);
        logger.LogInformation("Member {Member} confirmed their email address", member.Key);
        return true;
    }

    /// <summary>A one-time link token to choose a first password, for a confirmed member who registered without one.</summary>
    public async Task<string?> PasswordSetupTokenAsync(Guid memberKey)
    {
        var member = await users.FindByIdAsync(memberKey.ToString("D"));
        return member is { EmailConfirmed: true, PasswordHash: null } ? await users.GeneratePasswordResetTokenAsync(member) : null;
    }

    public async Task ResendConfirmationAsync(string? email, Uri siteUrl, CancellationToken ct)
    {
        if (IsEmail(email?.Trim()) && await users.FindByEmailAsync(email!.Trim()) is { EmailConfirmed: false } member)
        {
            await emails.ConfirmEmailAsync(member, await users.GenerateEmailConfirmationTokenAsync(member), siteUrl, ct);
        }
    }

    /// <summary>Checks the password; counts failures to lock-out; only approved, confirmed members may sign in.</summary>
    public async Task<MemberSignIn> SignInAsync(string? email, string? password, CancellationToken ct)
    {
        var member = IsEmail(email?.Trim()) ? await users.FindByEmailAsync(email!.Trim()) : null;
        if (member is null)
        {
            // Hash anyway, so an unknown address takes as long as a wrong password.
            users.PasswordHasher.HashPassword(new MemberRow(), password ?? "");
            return new MemberSignIn(MemberSignInStatus.Failed, null);
        }

        if (await users.IsLockedOutAsync(member))
        {
            return new MemberSignIn(MemberSignInStatus.LockedOut, null);
        }

        if (!await users.CheckPasswordAsync(member, password ?? ""))
        {
            await users.AccessFailedAsync(member);
            return new MemberSignIn(await users.IsLockedOutAsync(member) ? MemberSignInStatus.LockedOut : MemberSignInStatus.Failed, null);
        }

        if (!member.IsApproved || !member.EmailConfirmed)
        {
            return new MemberSignIn(MemberSignInStatus.NotAllowed, null);
        }

        if (member.AccessFailedCount > 0)
        {
            await users.ResetAccessFailedCountAsync(member);
        }

        member.LastLoginDate = DateTime.UtcNow;
        await users.UpdateAsync(member);
        return new MemberSignIn(MemberSignInStatus.Success, member);
    }

    public async Task RequestPasswordResetAsync(string? email, Uri siteUrl, CancellationToken ct)
    {
        if (IsEmail(email?.Trim()) && await users.FindByEmailAsync(email!.Trim()) is { EmailConfirmed: true } member)
        {
            await emails.ResetPasswordAsync(member, await users.GeneratePasswordResetTokenAsync(member), siteUrl, ct);
        }
    }

    /// <summary>Sets a new password from an emailed link. The link works once: the change renews the security stamp it is bound to.</summary>
    public async Task<MemberProblem?> ResetPasswordAsync(Guid memberKey, string? token, string? newPassword, CancellationToken ct)
    {
        var invalid = new MemberProblem(new Dictionary<string, string[]> { ["token"] = ["The link is not valid or has expired; ask for a new one."] });
        if (string.IsNullOrEmpty(token) || await users.FindByIdAsync(memberKey.ToString("D")) is not { } member)
        {
            return invalid;
        }

        var result = await users.ResetPasswordAsync(member, token, newPassword ?? "");
        if (!result.Succeeded)
        {
            return result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken))
                ? invalid
                : new MemberProblem(new Dictionary<string, string[]> { ["password"] = result.Errors.Select(e => e.Description).ToArray() });
        }

        // Proving the mailbox lifts a lock-out from failed attempts.
        member = (await users.FindByIdAsync(memberKey.ToString("D")))!;
        await users.SetLockoutEndDateAsync(member, null);
        await users.ResetAccessFailedCountAsync(member);
        return null;
    }

    public async Task<MemberProfile?> GetProfileAsync(Guid memberKey, CancellationToken ct) =>
        await users.FindByIdAsync(memberKey.ToString("D")) is { } member ? await ProfileAsync(member) : null;

    public async Task<(MemberProfile? Profile, MemberProblem? Problem)> UpdateProfileAsync(Guid memberKey, string? name, IReadOnlyDictionary<string, JsonNode?>? values, CancellationToken ct)
    {
        if (await users.FindByIdAsync(memberKey.ToString("D")) is not { } member)
        {
            return (null, null);
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var newName = name?.Trim() ?? member.Name;
        if (newName.Length is 0 or > 255 || newName.Any(char.IsControl))
        {
            errors["name"] = ["A name of 1 to 255 characters is required."];
        }

        var memberType = (await schema.GetAsync(ct)).FindContentType(member.MemberTypeId)!;
        RefuseReadOnly(memberType, values, errors);
        var merged = ContentValues.Parse(member.ValuesJson).ToDictionary(kv => kv.Key, kv => kv.Value?.DeepClone());
        foreach (var (alias, value) in values ?? new Dictionary<string, JsonNode?>())
        {
            merged[alias] = value?.DeepClone();
        }

        var stored = await ValidateValuesAsync(memberType, merged, errors, ct);
        if (errors.Count > 0)
        {
            return (null, new MemberProblem(errors));
        }

        member.Name = newName;
        member.ValuesJson = ContentValues.Serialize(stored);
        var updated = await users.UpdateAsync(member);

        return updated.Succeeded
            ? (await ProfileAsync(member), null)
            : (null, new MemberProblem(new Dictionary<string, string[]> { ["member"] = updated.Errors.Select(e => e.Description).ToArray() }));
    }

    /// <summary>Everything stored about the member, for "download my data" (never the password hash or security stamp).</summary>
    public async Task<JsonObject?> ExportAsync(Guid memberKey, CancellationToken ct)
    {
        if (await users.FindByIdAsync(memberKey.ToString("D")) is not { } member)
        {
            return null;
        }

        var profile = await ProfileAsync(member);
        return new JsonObject
        {
            ["id"] = member.Key,
            ["name"] = member.Name,
            ["email"] = member.Email,
            ["emailConfirmed"] = member.EmailConfirmed,
            ["approved"] = member.IsApproved,
            ["groups"] = new JsonArray(profile.Groups.Select(g => (JsonNode?)g).ToArray()),
            // Everything stored (a subject access copy), including fields members cannot see on their profile.
            ["values"] = JsonSerializer.SerializeToNode(ContentValues.Parse(member.ValuesJson)),
            ["createDate"] = member.CreateDate,
            ["updateDate"] = member.UpdateDate,
            ["lastLoginDate"] = member.LastLoginDate,
            ["lastLockoutDate"] = member.LastLockoutDate,
        };
    }

    public async Task<bool> DeleteAsync(Guid memberKey, CancellationToken ct)
    {
        if (await users.FindByIdAsync(memberKey.ToString("D")) is not { } member)
        {
            return false;
        }

        await users.DeleteAsync(member);
        await revoker.RevokeAsync(member.Key, ct);
        await indexes.RefreshMemberAsync(member.Key, ct);
        logger.LogInformation("Member {Member} deleted their account", member.Key);
        return true;
    }

    /// <summary>The member's own view: only the properties their type lets members see (Umbraco's "member can view").</summary>
    public async Task<MemberProfile> ProfileAsync(MemberRow member)
    {
        var memberType = (await schema.GetAsync(CancellationToken.None)).FindContentType(member.MemberTypeId);
        var visible = ContentValues.Parse(member.ValuesJson)
            .Where(v => memberType?.Properties.FirstOrDefault(p => p.Alias == v.Key) is { MemberCanView: true })
            .ToDictionary(v => v.Key, v => v.Value);
        return new MemberProfile(member.Key, member.Name, member.Email, (await users.GetRolesAsync(member)).ToList(), visible,
            member.CreateDate, member.UpdateDate, member.LastLoginDate);
    }

    /// <summary>Members set only the properties their type lets them edit (Umbraco's "member can edit").</summary>
    private static void RefuseReadOnly(ContentTypeDefinition memberType, IReadOnlyDictionary<string, JsonNode?>? values, Dictionary<string, string[]> errors)
    {
        foreach (var alias in (values ?? new Dictionary<string, JsonNode?>()).Keys)
        {
            if (memberType.Properties.FirstOrDefault(p => p.Alias == alias) is { MemberCanEdit: false })
            {
                errors["values." + alias] = ["Members cannot change this field."];
            }
        }
    }

    private async Task<IReadOnlyDictionary<string, JsonNode?>> ValidateValuesAsync(
        ContentTypeDefinition memberType, IReadOnlyDictionary<string, JsonNode?>? values, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        var snapshot = await schema.GetAsync(ct);
        var composition = snapshot.FindComposition(memberType.Key)!;
        await using var db = contexts.CreateDbContext();
        var result = await validator.ValidateAsync(composition, values ?? new Dictionary<string, JsonNode?>(), new DatabaseContentReferenceLookup(db, snapshot), enforceMandatory: true, ct);
        foreach (var (alias, messages) in result.Errors)
        {
            errors["values." + alias] = messages.ToArray();
        }

        return result.Values;
    }

    private static bool IsEmail(string? text) =>
        !string.IsNullOrEmpty(text) && text.Length <= 320 && MailAddress.TryCreate(text, out var address) && address.Address == text && text.Contains('.', StringComparison.Ordinal);
}
