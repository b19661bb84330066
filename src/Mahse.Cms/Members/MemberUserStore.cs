using Mahse.Cms.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Mahse.Cms.Members;

/// <summary>
/// ASP.NET Core Identity's store over Umbraco-style member rows, so that Identity's UserManager does the password
/// hashing, lock-out counting, security stamps and one-time tokens (as Umbraco's MemberUserStore lets it).
/// Roles are member groups, by name.
/// </summary>
public sealed class MemberUserStore(ICmsDbContextFactory contexts) :
    IUserPasswordStore<MemberRow>,
    IUserEmailStore<MemberRow>,
    IUserLockoutStore<MemberRow>,
    IUserSecurityStampStore<MemberRow>,
    IUserRoleStore<MemberRow>
{
    public async Task<IdentityResult> CreateAsync(MemberRow user, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        user.CreateDate = user.UpdateDate = DateTime.UtcNow;
        db.Members.Add(user);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The unique email index: another registration got there first.
            return IdentityResult.Failed(new IdentityErrorDescriber().DuplicateEmail(user.Email));
        }

        return IdentityResult.Success;
    }

    public async Task<IdentityResult> UpdateAsync(MemberRow user, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        user.UpdateDate = DateTime.UtcNow;
        db.Members.Attach(user).State = EntityState.Modified;
        user.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            user.Version--;
            return IdentityResult.Failed(new IdentityErrorDescriber().ConcurrencyFailure());
        }

        return IdentityResult.Success;
    }

    public async Task<IdentityResult> DeleteAsync(MemberRow user, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        await db.Members.Where(m => m.Id == user.Id).ExecuteDeleteAsync(ct);
        return IdentityResult.Success;
    }

    public async Task<MemberRow?> FindByIdAsync(string userId, CancellationToken ct)
    {
        if (!Guid.TryParse(userId, out var key))
        {
            return null;
        }

        await using var db = contexts.CreateDbContext();
        return await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.Key == key, ct);
    }

    public async Task<MemberRow?> FindByNameAsync(string normalizedUserName, CancellationToken ct) => await FindByEmailAsync(normalizedUserName, ct);

    public async Task<MemberRow?> FindByEmailAsync(string normalizedEmail, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        return await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.NormalizedEmail == normalizedEmail, ct);
    }

    // The email is the login, as Umbraco members are usually set up.
    public Task<string> GetUserIdAsync(MemberRow user, CancellationToken ct) => Task.FromResult(user.Key.ToString("D"));

    public Task<string?> GetUserNameAsync(MemberRow user, CancellationToken ct) => Task.FromResult<string?>(user.Email);

    public Task SetUserNameAsync(MemberRow user, string? userName, CancellationToken ct) => Task.CompletedTask;

    public Task<string?> GetNormalizedUserNameAsync(MemberRow user, CancellationToken ct) => Task.FromResult<string?>(user.NormalizedEmail);

    public Task SetNormalizedUserNameAsync(MemberRow user, string? normalizedName, CancellationToken ct) => Task.CompletedTask;

    public Task SetPasswordHashAsync(MemberRow user, string? passwordHash, CancellationToken ct)
    {
        user.PasswordHash = passwordHash;
        return Task.CompletedTask;
    }

    public Task<string?> GetPasswordHashAsync(MemberRow user, CancellationToken ct) => Task.FromResult(user.PasswordHash);

    public Task<bool> HasPasswordAsync(MemberRow user, CancellationToken ct) => Task.FromResult(user.PasswordHash is not null);

    public Task SetEmailAsync(MemberRow user, string? email, CancellationToken ct)
    {
        user.Email = email ?? "";
        return Task.CompletedTask;
    }

    public Task<string?> GetEmailAsync(MemberRow user, CancellationToken ct) => Task.FromResult<string?>(user.Email);

    public Task<bool> GetEmailConfirmedAsync(MemberRow user, CancellationToken ct) => Task.FromResult(user.EmailConfirmed);

    public Task SetEmailConfirmedAsync(MemberRow user, bool confirmed, CancellationToken ct)
    {
        user.EmailConfirmed = confirmed;
        return Task.CompletedTask;
    }

    public Task<string?> GetNormalizedEmailAsync(MemberRow user, CancellationToken ct) => Task.FromResult<string?>(user.NormalizedEmail);

    public Task SetNormalizedEmailAsync(MemberRow user, string? normalizedEmail, CancellationToken ct)
    {
        user.NormalizedEmail = normalizedEmail ?? "";
        return Task.CompletedTask;
    }

    public Task<DateTimeOffset?> GetLockoutEndDateAsync(MemberRow user, CancellationToken ct) =>
        Task.FromResult(user.LockoutEnd is { } end ? new DateTimeOffset(DateTime.SpecifyKind(end, DateTimeKind.Utc)) : (DateTimeOffset?)null);

    public Task SetLockoutEndDateAsync(MemberRow user, DateTimeOffset? lockoutEnd, CancellationToken ct)
    {
        user.LockoutEnd = lockoutEnd?.UtcDateTime;
        if (lockoutEnd > DateTimeOffset.UtcNow)
        {
            user.LastLockoutDate = DateTime.UtcNow;
        }

        return Task.CompletedTask;
    }

    public Task<int> IncrementAccessFailedCountAsync(MemberRow user, CancellationToken ct) => Task.FromResult(++user.AccessFailedCount);

    public Task ResetAccessFailedCountAsync(MemberRow user, CancellationToken ct)
    {
        user.AccessFailedCount = 0;
        return Task.CompletedTask;
    }

    public Task<int> GetAccessFailedCountAsync(MemberRow user, CancellationToken ct) => Task.FromResult(user.AccessFailedCount);

    public Task<bool> GetLockoutEnabledAsync(MemberRow user, CancellationToken ct) => Task.FromResult(true);

    public Task SetLockoutEnabledAsync(MemberRow user, bool enabled, CancellationToken ct) => Task.CompletedTask;

    public Task SetSecurityStampAsync(MemberRow user, string stamp, CancellationToken ct)
    {
        user.SecurityStamp = stamp;
        return Task.CompletedTask;
    }

    public Task<string?> GetSecurityStampAsync(MemberRow user, CancellationToken ct) => Task.FromResult<string?>(user.SecurityStamp);

    public async Task AddToRoleAsync(MemberRow user, string roleName, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        var group = await GroupAsync(db, roleName, ct) ?? throw new InvalidOperationException($"Member group '{roleName}' does not exist.");
        if (!await db.MemberGroupMembers.AnyAsync(m => m.MemberId == user.Id && m.MemberGroupId == group.Id, ct))
        {
            db.MemberGroupMembers.Add(new MemberGroupMemberRow { MemberId = user.Id, MemberGroupId = group.Id });
            await db.SaveChangesAsync(ct);
        }
    }

    public async Task RemoveFromRoleAsync(MemberRow user, string roleName, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        if (await GroupAsync(db, roleName, ct) is { } group)
        {
            await db.MemberGroupMembers.Where(m => m.MemberId == user.Id && m.MemberGroupId == group.Id).ExecuteDeleteAsync(ct);
        }
    }

    public async Task<IList<string>> GetRolesAsync(MemberRow user, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        return await db.MemberGroupMembers.Where(m => m.MemberId == user.Id)
            .Join(db.MemberGroups, m => m.MemberGroupId, g => g.Id, (_, g) => g.Name).OrderBy(n => n).ToListAsync(ct);
    }

    public async Task<bool> IsInRoleAsync(MemberRow user, string roleName, CancellationToken ct) =>
        (await GetRolesAsync(user, ct)).Contains(roleName, StringComparer.OrdinalIgnoreCase);

    public async Task<IList<MemberRow>> GetUsersInRoleAsync(string roleName, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        if (await GroupAsync(db, roleName, ct) is not { } group)
        {
            return [];
        }

        return await db.MemberGroupMembers.Where(m => m.MemberGroupId == group.Id)
            .Join(db.Members, m => m.MemberId, u => u.Id, (_, u) => u).AsNoTracking().ToListAsync(ct);
    }

    // Identity hands over normalised (upper-case) role names; member groups are few, so match them in memory.
    private static async Task<MemberGroupRow?> GroupAsync(CmsDbContext db, string roleName, CancellationToken ct) =>
        (await db.MemberGroups.AsNoTracking().ToListAsync(ct)).FirstOrDefault(g => string.Equals(g.Name, roleName, StringComparison.OrdinalIgnoreCase));

    public void Dispose()
    {
    }
}
