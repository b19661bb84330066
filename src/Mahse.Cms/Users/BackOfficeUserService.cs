using Mahse.Cms.Infrastructure;
using Mahse.Cms.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mahse.Cms.Users;

public enum SignInStatus
{
    Success,
    Failed,
    LockedOut,
}

public sealed record BackOfficeUser(Guid Key, string Name, string Email, string UserName, string UserGroup);

/// <summary>Backoffice users: hashed passwords (ASP.NET Core Identity's hasher), a password policy, and lockout.</summary>
public sealed class BackOfficeUserService(
    ICmsDbContextFactory contexts,
    IPasswordHasher<BackOfficeUserRow> hasher,
    IOptions<BackOfficeSecurityOptions> options,
    TimeProvider clock,
    ILogger<BackOfficeUserService> logger)
{
    public async Task<(BackOfficeUser? User, IReadOnlyList<FieldError> Errors)> CreateAsync(
        string name, string email, string userName, string password, string group, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(new FieldError("name", "A name is required."));
        }

        if (!System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            errors.Add(new FieldError("email", "A valid email address is required."));
        }

        if (!UserGroups.IsKnown(group))
        {
            errors.Add(new FieldError("userGroup", $"Unknown user group '{group}'; use one of {string.Join(", ", UserGroups.All)}."));
        }

        if ((password ?? "").Length < options.Value.RequiredLength)
        {
            errors.Add(new FieldError("password", $"The password must be at least {options.Value.RequiredLength} characters long."));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        await using var db = contexts.CreateDbContext();
        if (await db.Users.AnyAsync(u => u.UserName == userName || u.Email == email, ct))
        {
            return (null, [new FieldError("userName", "A user with that user name or email already exists.")]);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var row = new BackOfficeUserRow
        {
            Key = Guid.NewGuid(),
            Name = name,
            Email = email,
            UserName = userName,
            UserGroup = group,
            CreateDate = now,
            UpdateDate = now,
        };
        row.PasswordHash = hasher.HashPassword(row, password!);
        db.Users.Add(row);
        await db.SaveChangesAsync(ct);
        return (ToUser(row), []);
    }

    public async Task<bool> AnyAsync(CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        return await db.Users.AnyAsync(ct);
    }

    public async Task<(SignInStatus Status, BackOfficeUser? User)> SignInAsync(string userName, string password, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        var row = await db.Users.SingleOrDefaultAsync(u => u.UserName == userName || u.Email == userName, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (row is null)
        {
            // Hash anyway so that an unknown user name takes as long as a wrong password.
            hasher.HashPassword(new BackOfficeUserRow(), password);
            return (SignInStatus.Failed, null);
        }

        if (row.LockedOutUntil is { } until && until > now)
        {
            return (SignInStatus.LockedOut, null);
        }

        var verification = hasher.VerifyHashedPassword(row, row.PasswordHash, password);
        if (verification == PasswordVerificationResult.Failed)
        {
            row.FailedAttempts++;
            if (row.FailedAttempts >= options.Value.MaxFailedAccessAttemptsBeforeLockout)
            {
                row.LockedOutUntil = now + options.Value.LockoutDuration;
                row.FailedAttempts = 0;
                logger.LogWarning("Backoffice user {UserKey} locked out after repeated failed sign-ins", row.Key);
            }

            await db.SaveChangesAsync(ct);
            return (SignInStatus.Failed, null);
        }

        if (verification == PasswordVerificationResult.SuccessRehashNeeded)
        {
            row.PasswordHash = hasher.HashPassword(row, password);
        }

        row.FailedAttempts = 0;
        row.LockedOutUntil = null;
        row.LastLoginDate = now;
        await db.SaveChangesAsync(ct);
        return (SignInStatus.Success, ToUser(row));
    }

    private static BackOfficeUser ToUser(BackOfficeUserRow row) => new(row.Key, row.Name, row.Email, row.UserName, row.UserGroup);
}
