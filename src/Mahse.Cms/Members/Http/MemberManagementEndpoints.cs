using System.Text.Json.Nodes;
using Mahse.Cms.Content;
using Mahse.Cms.Infrastructure;
using Mahse.Cms.Infrastructure.Http;
using Mahse.Cms.Management;
using Mahse.Cms.Members.Auth;
using Mahse.Cms.Persistence;
using Mahse.Cms.Schema;
using Mahse.Cms.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Umbraco.Cms.Core.Events;
using MemberGroup = Umbraco.Cms.Core.Models.MemberGroup;
using Umbraco.Cms.Core.Notifications;

namespace Mahse.Cms.Members.Http;

/// <summary>
/// Umbraco's Management API for members and member groups, in its shapes. Member data is personal: every
/// endpoint needs the ManageMembers policy (Administrators, as Umbraco gives the Members section by default).
/// A change to a member's approval, lock-out or groups revokes their tokens, as Umbraco does.
/// </summary>
public static class MemberManagementEndpoints
{
    public sealed record MemberValueModel(string Alias, JsonNode? Value, string? Culture = null, string? Segment = null);

    public sealed record MemberVariantModel(string Name, string? Culture, string? Segment, DateTime CreateDate, DateTime UpdateDate);

    public sealed record MemberTypeReferenceModel(Guid Id, string? Icon);

    public sealed record MemberResponseModel(
        IReadOnlyList<MemberValueModel> Values, IReadOnlyList<MemberVariantModel> Variants, Guid Id, string Email, string Username,
        MemberTypeReferenceModel MemberType, bool IsApproved, bool IsLockedOut, bool IsTwoFactorEnabled, int FailedPasswordAttempts,
        DateTime? LastLoginDate, DateTime? LastLockoutDate, DateTime? LastPasswordChangeDate, IReadOnlyList<Guid> Groups);

    public sealed record NameModel(string? Name);

    public sealed record UpdateMemberRequestModel(
        List<MemberValueModel>? Values, List<NameModel>? Variants, string? Email, string? Username, List<Guid>? Groups, bool? IsApproved, bool? IsLockedOut);

    public sealed record MemberGroupResponseModel(Guid Id, string Name);

    public sealed record CreateMemberGroupRequestModel(string? Name, Guid? Id);

    public static RouteGroupBuilder MapMemberManagement(this RouteGroupBuilder api)
    {
        api.MapGet("/filter/member", FilterAsync).WithTags("Member").RequireAuthorization(BackOfficePolicies.ManageMembers)
            .WithName("GetFilterMember").WithSummary("Members, filtered by text (name or email), group, approval and lock-out.");
        var member = api.MapGroup("/member").WithTags("Member").RequireAuthorization(BackOfficePolicies.ManageMembers);
        member.MapGet("/{id:guid}", async Task<IResult> (Guid id, ICmsDbContextFactory contexts, UserManager<MemberRow> users, SchemaCache schema, CancellationToken ct) =>
            await users.FindByIdAsync(id.ToString("D")) is { } found ? TypedResults.Ok(await ToModelAsync(found, contexts, schema, ct)) : Problems.NotFound("member"))
            .WithName("GetMemberById").WithSummary("One member with values, groups and sign-in state.");
        member.MapPut("/{id:guid}", UpdateAsync).WithName("PutMemberById").WithSummary("Edits a member: name, email, values, groups, approval, lock-out.");
        member.MapDelete("/{id:guid}", async Task<IResult> (Guid id, UserManager<MemberRow> users, MemberTokenRevoker revoker, Search.IndexManager indexes, CancellationToken ct) =>
        {
            if (await users.FindByIdAsync(id.ToString("D")) is not { } found)
            {
                return Problems.NotFound("member");
            }

            await users.DeleteAsync(found);
            await revoker.RevokeAsync(id, ct);
            await indexes.RefreshMemberAsync(id, ct);
            return TypedResults.Ok();
        }).WithName("DeleteMemberById").WithSummary("Deletes a member; their tokens stop working.");

        var groups = api.MapGroup("/member-group").WithTags("Member Group").RequireAuthorization(BackOfficePolicies.ManageMembers);
        groups.MapGet("", async (ICmsDbContextFactory contexts, CancellationToken ct) =>
        {
            await using var db = contexts.CreateDbContext();
            var all = await db.MemberGroups.AsNoTracking().OrderBy(g => g.Name).Select(g => new MemberGroupResponseModel(g.Key, g.Name)).ToListAsync(ct);
            return TypedResults.Ok(new PagedModel<MemberGroupResponseModel>(all.Count, all));
        }).WithName("GetMemberGroup").WithSummary("All member groups.");
        groups.MapPost("", async Task<IResult> (HttpRequest request, ICmsDbContextFactory contexts, IEventAggregator events, CancellationToken ct) =>
        {
            var (body, problem) = await RequestBody.ReadAsync<CreateMemberGroupRequestModel>(request, ct);
            if (problem is not null)
            {
                return problem;
            }

            var name = body!.Name?.Trim() ?? "";
            if (name.Length is 0 or > 255 || name.Any(char.IsControl) || name.Contains(','))
            {
                return Problems.BadRequest("name", "A name of 1 to 255 characters, without commas, is required.", "Invalid member group");
            }

            await using var db = contexts.CreateDbContext();
            if ((await db.MemberGroups.Select(g => g.Name).ToListAsync(ct)).Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                return Problems.Of(StatusCodes.Status400BadRequest, "Duplicate name", "DuplicateName", [new FieldError("name", $"A member group called '{name}' exists.")]);
            }

            var row = new MemberGroupRow { Key = body.Id ?? Guid.NewGuid(), Name = name, CreateDate = DateTime.UtcNow };
            db.MemberGroups.Add(row);
            await db.SaveChangesAsync(ct);
            await events.PublishAsync(new MemberGroupSavedNotification(AsUmbraco(row), new EventMessages()), ct);
            return TypedResults.Created($"{ManagementApiEndpoints.BasePath}/member-group/{row.Key}", (object?)null);
        }).WithName("PostMemberGroup").WithSummary("Creates a member group.");
        groups.MapDelete("/{id:guid}", async Task<IResult> (Guid id, ICmsDbContextFactory contexts, IEventAggregator events, CancellationToken ct) =>
        {
            await using var db = contexts.CreateDbContext();
            if (await db.MemberGroups.AsNoTracking().SingleOrDefaultAsync(g => g.Key == id, ct) is not { } row
                || await db.MemberGroups.Where(g => g.Key == id).ExecuteDeleteAsync(ct) == 0)
            {
                return Problems.NotFound("member group");
            }

            await events.PublishAsync(new MemberGroupDeletedNotification(AsUmbraco(row), new EventMessages()), ct);
            return TypedResults.Ok();
        }).WithName("DeleteMemberGroupById").WithSummary("Deletes a member group (its members stay, without it).");
        return api;
    }

    private static MemberGroup AsUmbraco(MemberGroupRow row) => new() { Key = row.Key, Name = row.Name, CreateDate = row.CreateDate };

    private static async Task<IResult> FilterAsync(
        string? filter, string? memberGroupName, bool? isApproved, bool? isLockedOut, int? skip, int? take,
        ICmsDbContextFactory contexts, SchemaCache schema, CancellationToken ct)
    {
        if (skip is < 0 || take is < 0)
        {
            return Problems.BadRequest(skip is < 0 ? "skip" : "take", "skip and take must be 0 or more.", "Invalid paging");
        }

        await using var db = contexts.CreateDbContext();
        var query = db.Members.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter))
        {
            var text = filter.Trim().ToUpperInvariant();
            query = query.Where(m => m.NormalizedEmail.Contains(text) || m.Name.ToUpper().Contains(text));
        }

        if (!string.IsNullOrWhiteSpace(memberGroupName))
        {
            var group = (await db.MemberGroups.AsNoTracking().ToListAsync(ct)).FirstOrDefault(g => string.Equals(g.Name, memberGroupName.Trim(), StringComparison.OrdinalIgnoreCase));
            var groupId = group?.Id ?? -1;
            query = query.Where(m => db.MemberGroupMembers.Any(x => x.MemberId == m.Id && x.MemberGroupId == groupId));
        }

        if (isApproved is { } approved)
        {
            query = query.Where(m => m.IsApproved == approved);
        }

        var now = DateTime.UtcNow;
        if (isLockedOut is { } locked)
        {
            query = locked ? query.Where(m => m.LockoutEnd != null && m.LockoutEnd > now) : query.Where(m => m.LockoutEnd == null || m.LockoutEnd <= now);
        }

        var total = await query.CountAsync(ct);
        var page = await query.OrderBy(m => m.Name).ThenBy(m => m.Id).Skip(skip ?? 0).Take(Math.Min(take ?? 100, 1000)).ToListAsync(ct);
        var items = new List<MemberResponseModel>();
        foreach (var row in page)
        {
            items.Add(await ToModelAsync(row, contexts, schema, ct));
        }

        return TypedResults.Ok(new PagedModel<MemberResponseModel>(total, items));
    }

    private static async Task<IResult> UpdateAsync(
        Guid id, HttpRequest request, UserManager<MemberRow> users, ICmsDbContextFactory contexts, SchemaCache schema,
        Content.PropertyEditors.PropertyValueValidator validator, MemberTokenRevoker revoker, Search.IndexManager indexes, CancellationToken ct)
    {
        var (body, problem) = await RequestBody.ReadAsync<UpdateMemberRequestModel>(request, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (await users.FindByIdAsync(id.ToString("D")) is not { } member)
        {
            return Problems.NotFound("member");
        }

        var errors = new List<FieldError>();
        if (body!.Variants is [{ Name: { } name }, ..])
        {
            name = name.Trim();
            if (name.Length is 0 or > 255 || name.Any(char.IsControl))
            {
                errors.Add(new FieldError("variants[0].name", "A name of 1 to 255 characters is required."));
            }

            member.Name = name;
        }

        if (body.Values is { } values)
        {
            var snapshot = await schema.GetAsync(ct);
            var type = snapshot.FindContentType(member.MemberTypeId)!;
            var merged = ContentValues.Parse(member.ValuesJson).ToDictionary(kv => kv.Key, kv => kv.Value);
            foreach (var value in values)
            {
                merged[value.Alias] = value.Value?.DeepClone();
            }

            await using var lookupDb = contexts.CreateDbContext();
            var result = await validator.ValidateAsync(snapshot.FindComposition(type.Key)!, merged, new DatabaseContentReferenceLookup(lookupDb, snapshot), enforceMandatory: true, ct);
            errors.AddRange(result.Errors.SelectMany(e => e.Value.Select(m => new FieldError("values." + e.Key, m))));
            member.ValuesJson = ContentValues.Serialize(result.Values);
        }

        await using var db = contexts.CreateDbContext();
        var allGroups = await db.MemberGroups.AsNoTracking().ToListAsync(ct);
        if (body.Groups?.FirstOrDefault(g => allGroups.All(x => x.Key != g)) is { } unknown && unknown != Guid.Empty)
        {
            errors.Add(new FieldError("groups", $"Member group {unknown} does not exist."));
        }

        if (errors.Count > 0)
        {
            return Problems.Of(StatusCodes.Status400BadRequest, "Invalid member", "InvalidMember", errors);
        }

        if (body.Email is { } email && !string.Equals(email.Trim(), member.Email, StringComparison.OrdinalIgnoreCase))
        {
            var changed = await users.SetEmailAsync(member, email.Trim());
            if (!changed.Succeeded)
            {
                return Problems.Of(StatusCodes.Status400BadRequest, "Invalid member", "InvalidMember", changed.Errors.Select(e => new FieldError("email", e.Description)).ToList());
            }

            // An address set by an administrator counts as confirmed.
            member.EmailConfirmed = true;
        }

        member.IsApproved = body.IsApproved ?? member.IsApproved;
        if (body.IsLockedOut is false)
        {
            member.LockoutEnd = null;
            member.AccessFailedCount = 0;
        }
        else if (body.IsLockedOut is true && !await users.IsLockedOutAsync(member))
        {
            member.LockoutEnd = DateTime.UtcNow.Add(users.Options.Lockout.DefaultLockoutTimeSpan);
            member.LastLockoutDate = DateTime.UtcNow;
        }

        var updated = await users.UpdateAsync(member);
        if (!updated.Succeeded)
        {
            return Problems.Of(StatusCodes.Status409Conflict, "The member changed meanwhile", "ConcurrencyViolation", []);
        }

        if (body.Groups is { } wanted)
        {
            var wantedIds = allGroups.Where(g => wanted.Contains(g.Key)).Select(g => g.Id).ToHashSet();
            await db.MemberGroupMembers.Where(x => x.MemberId == member.Id && !wantedIds.Contains(x.MemberGroupId)).ExecuteDeleteAsync(ct);
            var existing = await db.MemberGroupMembers.Where(x => x.MemberId == member.Id).Select(x => x.MemberGroupId).ToListAsync(ct);
            db.MemberGroupMembers.AddRange(wantedIds.Except(existing).Select(g => new MemberGroupMemberRow { MemberId = member.Id, MemberGroupId = g }));
            await db.SaveChangesAsync(ct);
        }

        // Umbraco revokes a member's tokens when the member is saved: access follows the new facts at once.
        await revoker.RevokeAsync(member.Key, ct);
        await indexes.RefreshMemberAsync(member.Key, ct);
        return TypedResults.Ok();
    }

    private static async Task<MemberResponseModel> ToModelAsync(MemberRow member, ICmsDbContextFactory contexts, SchemaCache schema, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        var groups = await db.MemberGroupMembers.Where(x => x.MemberId == member.Id)
            .Join(db.MemberGroups, x => x.MemberGroupId, g => g.Id, (_, g) => g.Key).ToListAsync(ct);
        var type = (await schema.GetAsync(ct)).FindContentType(member.MemberTypeId);
        return new MemberResponseModel(
            ContentValues.Parse(member.ValuesJson).Select(v => new MemberValueModel(v.Key, v.Value)).ToList(),
            [new MemberVariantModel(member.Name, null, null, member.CreateDate, member.UpdateDate)],
            member.Key, member.Email, member.Email, new MemberTypeReferenceModel(type?.Key ?? Guid.Empty, type?.Icon),
            member.IsApproved, member.LockoutEnd > DateTime.UtcNow, false, member.AccessFailedCount,
            member.LastLoginDate, member.LastLockoutDate, null, groups);
    }
}
