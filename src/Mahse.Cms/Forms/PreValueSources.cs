using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mahse.Cms.Content.PublishedCache;
using Mahse.Cms.Forms.Model;
using Mahse.Cms.Persistence;
using Mahse.Cms.Schema;
using Microsoft.EntityFrameworkCore;

namespace Mahse.Cms.Forms;

/// <summary>
/// Umbraco Forms' prevalue sources: a field names one (by id, or by name as uSync.Forms writes it) and gets its
/// choices from it at render and validation time. Supported types: text file (its items kept in the database),
/// Umbraco data type prevalues (a data type's <c>items</c>), and Umbraco documents (published children, or
/// descendants, of a root node, optionally of one document type).
/// </summary>
public sealed class PreValueSources(ICmsDbContextFactory contexts, SchemaCache schema, PublishedContentCache published)
{
    public static readonly Guid TextFile = Guid.Parse("35C2053E-CBF7-4793-B27C-6E97B7671A2D");
    public static readonly Guid DataTypePreValues = Guid.Parse("EA773CAF-FEF2-491B-B5B7-6A3552B1A0E2");
    public static readonly Guid Documents = Guid.Parse("de996870-c45a-11de-8a39-0800200c9a66");

    private volatile IReadOnlyList<FormPreValueSourceRow>? _sources;

    public void Invalidate() => _sources = null;

    public async Task<IReadOnlyList<FormPreValueSourceRow>> AllAsync(CancellationToken ct)
    {
        if (_sources is { } cached)
        {
            return cached;
        }

        await using var db = contexts.CreateDbContext();
        return _sources = await db.FormPreValueSources.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
    }

    /// <summary>The form with every source-backed field's choices filled in (a copy; the stored form is untouched).</summary>
    public async Task<FormDefinition> ApplyAsync(FormDefinition form, CancellationToken ct)
    {
        var fields = form.AllFields.Where(f => !string.IsNullOrWhiteSpace(f.PrevalueSourceId) && f.PrevalueSourceId != Guid.Empty.ToString()).ToList();
        if (fields.Count == 0)
        {
            return form;
        }

        var sources = await AllAsync(ct);
        var copy = FormStore.Parse(JsonSerializer.Serialize(form, FormStore.Json));
        foreach (var field in copy.AllFields.Where(f => fields.Any(x => x.Id == f.Id)))
        {
            var source = sources.FirstOrDefault(s => Guid.TryParse(field.PrevalueSourceId, out var id) ? s.Key == id : string.Equals(s.Name, field.PrevalueSourceId, StringComparison.OrdinalIgnoreCase));
            if (source is not null)
            {
                field.PreValues = await ItemsAsync(source, ct);
            }
        }

        return copy;
    }

    private async Task<List<FormPreValue>> ItemsAsync(FormPreValueSourceRow source, CancellationToken ct)
    {
        var settings = JsonNode.Parse(source.SettingsJson) as JsonObject ?? [];
        string? Setting(string name) => settings[name]?.ToString();
        if (source.TypeId == TextFile)
        {
            return (JsonNode.Parse(source.ItemsJson ?? "[]") as JsonArray ?? []).OfType<JsonObject>()
                .OrderBy(i => i["sortOrder"]?.GetValue<int>() ?? 0)
                .Select(i => new FormPreValue { Value = i["value"]?.ToString() ?? "", Caption = i["caption"]?.ToString() is { Length: > 0 } c ? c : i["value"]?.ToString() })
                .ToList();
        }

        if (source.TypeId == DataTypePreValues && Guid.TryParse(Setting("DataTypeId"), out var dataTypeKey)
            && (await schema.GetAsync(ct)).FindDataType(dataTypeKey)?.Configuration["items"] is JsonArray items)
        {
            return items.Select(i => i?.ToString() ?? "").Where(v => v.Length > 0).Select(v => new FormPreValue { Value = v, Caption = v }).ToList();
        }

        if (source.TypeId == Documents && Guid.TryParse(Setting("RootNode")?.Trim('_'), out var rootKey))
        {
            var root = published.Get(rootKey);
            var candidates = root is null ? [] : Setting("ListGrandChildren") is "True" or "true"
                ? published.Branch(root.Id).Where(i => i.Id != root.Id)
                : published.Children(root.Key);
            var docType = Setting("DocType");
            var chosen = candidates.Where(i => string.IsNullOrEmpty(docType) || i.ContentTypeAlias == docType);
            chosen = Setting("OrderBy") is "Alphabetical" ? chosen.OrderBy(i => i.Name, StringComparer.OrdinalIgnoreCase) : chosen.OrderBy(i => i.Level).ThenBy(i => i.SortOrder);
            var byId = Setting("ValueField") is "Id";
            return chosen.Select(i => new FormPreValue { Value = byId ? i.Key.ToString("D") : i.Name, Caption = i.Name }).ToList();
        }

        return [];
    }
}
