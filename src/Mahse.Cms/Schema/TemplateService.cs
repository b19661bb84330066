using Mahse.Cms.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mahse.Cms.Schema;

public sealed record TemplateDefinition(Guid Key, string Alias, string Name, string? MasterAlias);

/// <summary>
/// Templates are kept only so that uSync files and content round-trip: the portal is headless and renders none.
/// </summary>
public sealed class TemplateService(ICmsDbContextFactory contexts, TimeProvider clock)
{
    public async Task<IReadOnlyList<TemplateDefinition>> GetAllAsync(CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        return await db.Templates.AsNoTracking().OrderBy(t => t.Alias)
            .Select(t => new TemplateDefinition(t.Key, t.Alias, t.Name, t.MasterAlias)).ToListAsync(ct);
    }

    public async Task<TemplateDefinition?> GetAsync(Guid key, CancellationToken ct) =>
        (await GetAllAsync(ct)).FirstOrDefault(t => t.Key == key);

    /// <summary>Depth in the master-template chain: 1 for a template without a master.</summary>
    public static int Level(TemplateDefinition template, IReadOnlyList<TemplateDefinition> all)
    {
        var level = 1;
        var current = template;
        while (current.MasterAlias is { Length: > 0 } master && level < 32)
        {
            current = all.FirstOrDefault(t => string.Equals(t.Alias, master, StringComparison.OrdinalIgnoreCase));
            if (current is null)
            {
                break;
            }

            level++;
        }

        return level;
    }

    public async Task<string?> SaveAsync(TemplateDefinition template, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(template.Alias))
        {
            return "A template needs an alias.";
        }

        await using var db = contexts.CreateDbContext();
        if (await db.Templates.AnyAsync(t => t.Alias == template.Alias && t.Key != template.Key, ct))
        {
            return $"The template alias '{template.Alias}' is already in use.";
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var row = await db.Templates.SingleOrDefaultAsync(t => t.Key == template.Key, ct);
        if (row is null)
        {
            row = new TemplateRow { Key = template.Key, CreateDate = now };
            db.Templates.Add(row);
        }

        row.Alias = template.Alias;
        row.Name = string.IsNullOrWhiteSpace(template.Name) ? template.Alias : template.Name;
        row.MasterAlias = string.IsNullOrWhiteSpace(template.MasterAlias) ? null : template.MasterAlias;
        row.UpdateDate = now;
        await db.SaveChangesAsync(ct);
        return null;
    }

    public async Task<bool> DeleteAsync(Guid key, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        return await db.Templates.Where(t => t.Key == key).ExecuteDeleteAsync(ct) > 0;
    }
}
