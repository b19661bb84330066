using System.Globalization;
using System.Text.Json;
using Mahse.Forms.Model;
using Mahse.Forms.Storage;
using Umbraco.Cms.Core.Models;
using Umbraco.Cms.Core.Models.PublishedContent;
using Umbraco.Cms.Core.PropertyEditors;
using Umbraco.Cms.Core.PublishedCache;
using Umbraco.Cms.Core.Services;
using Umbraco.Cms.Core.Services.Navigation;
using Umbraco.Cms.Infrastructure.Scoping;
using Umbraco.Extensions;

namespace Mahse.Forms.Delivery;

/// <summary>
/// The prevalue sources kept in <c>mahseFormsPreValueSource</c>, computed as Umbraco Forms computes its built-in
/// types: a text file's items, a data type's configured values (dropdown, checkbox list, radio list) through
/// <see cref="IDataTypeService"/>, and published documents under a root node from the published cache.
/// </summary>
public sealed class PreValueSourceStore(
    IScopeProvider scopes,
    IDataTypeService dataTypes,
    IIdKeyMap idKeys,
    IPublishedContentCache contents,
    IDocumentNavigationQueryService navigation) : IPreValueSourceStore
{
    public async Task<IReadOnlyList<FormPreValue>?> GetPreValuesAsync(Guid sourceKey, CancellationToken ct)
    {
        PreValueSourceRow? row;
        using (var scope = scopes.CreateScope(autoComplete: true))
        {
            row = await scope.Database.FirstOrDefaultAsync<PreValueSourceRow>(scope.SqlContext.Sql().SelectAll().From<PreValueSourceRow>()
                .Where<PreValueSourceRow>(s => s.Key == sourceKey));
        }

        if (row is null)
        {
            return null;
        }

        var settings = Settings(row.Settings);
        if (row.TypeId == PreValueSourceTypes.TextFile)
        {
            return PreValueTextFile.Parse(row.Items);
        }

        if (row.TypeId == PreValueSourceTypes.DataTypePreValues)
        {
            return await DataTypeValuesAsync(settings.GetValueOrDefault("DataTypeId"));
        }

        if (row.TypeId == PreValueSourceTypes.Documents)
        {
            return Documents(settings);
        }

        return null; // SQL and custom source types are not served by this module
    }

    public async Task<Guid?> FindKeyByNameAsync(string name, CancellationToken ct)
    {
        using var scope = scopes.CreateScope(autoComplete: true);
        var rows = await scope.Database.FetchAsync<PreValueSourceRow>(scope.SqlContext.Sql().SelectAll().From<PreValueSourceRow>());
        return rows.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))?.Key;
    }

    private async Task<IReadOnlyList<FormPreValue>?> DataTypeValuesAsync(string? id)
    {
        var dataType = Guid.TryParse(id, out var key) ? await dataTypes.GetAsync(key)
            : int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
              && idKeys.GetKeyForId(number, UmbracoObjectTypes.DataType) is { Success: true } found ? await dataTypes.GetAsync(found.Result)
            : null;
        if (dataType?.ConfigurationObject is ValueListConfiguration list)
        {
            return list.Items.Select(v => new FormPreValue { Value = v, Caption = v }).ToList();
        }

        // Other list editors keep their values under "items" in the configuration data.
        if (dataType?.ConfigurationData.TryGetValue("items", out var items) == true)
        {
            var values = items switch
            {
                IEnumerable<string> strings => strings.ToList(),
                JsonElement { ValueKind: JsonValueKind.Array } json => json.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.ToString()).ToList(),
                _ => [],
            };
            return values.Select(v => new FormPreValue { Value = v, Caption = v }).ToList();
        }

        return dataType is null ? null : [];
    }

    /// <summary>
    /// Published documents below the root node (children, or all descendants with <c>ListGrandChildren</c>), of one
    /// document type if <c>DocType</c> is set; the value is the id (or key) and the caption the name.
    /// </summary>
    private IReadOnlyList<FormPreValue> Documents(IReadOnlyDictionary<string, string> settings)
    {
        var root = RootKey(settings.GetValueOrDefault("RootNode"));
        if (root is null)
        {
            return [];
        }

        var grandChildren = string.Equals(settings.GetValueOrDefault("ListGrandChildren"), "True", StringComparison.OrdinalIgnoreCase);
        var found = grandChildren ? navigation.TryGetDescendantsKeys(root.Value, out var keys) : navigation.TryGetChildrenKeys(root.Value, out keys);
        if (!found)
        {
            return [];
        }

        var docType = settings.GetValueOrDefault("DocType");
        IEnumerable<IPublishedContent> pages = keys.Select(k => contents.GetById(k)).OfType<IPublishedContent>()
            .Where(p => string.IsNullOrEmpty(docType) || string.Equals(p.ContentType.Alias, docType, StringComparison.OrdinalIgnoreCase));
        pages = string.Equals(settings.GetValueOrDefault("OrderBy"), "Alphabetical", StringComparison.OrdinalIgnoreCase)
            ? pages.OrderBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase)
            : pages.OrderBy(p => p.SortOrder);
        var byKey = string.Equals(settings.GetValueOrDefault("ValueField"), "Key", StringComparison.OrdinalIgnoreCase);
        return pages.Select(p => new FormPreValue
        {
            Value = byKey ? p.Key.ToString() : p.Id.ToString(CultureInfo.InvariantCulture),
            Caption = settings.GetValueOrDefault("CaptionField") is { Length: > 0 } caption && PublishedFormPages.Text(p, caption) is { } text ? text : p.Name,
        }).ToList();
    }

    /// <summary>uSync.Forms writes the root as <c>__{key}__</c>; Umbraco Forms as an id, a key or a UDI.</summary>
    private Guid? RootKey(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim().Trim('_');
        if (text.StartsWith("umb://", StringComparison.OrdinalIgnoreCase))
        {
            text = text[(text.LastIndexOf('/') + 1)..];
        }

        return Guid.TryParse(text, out var key) ? key
            : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? contents.GetById(id)?.Key
            : null;
    }

    private static IReadOnlyDictionary<string, string> Settings(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(string.IsNullOrWhiteSpace(json) ? "{}" : json)?
                .ToDictionary(p => p.Key, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() ?? "" : p.Value.ToString(), StringComparer.OrdinalIgnoreCase)
                ?? new Dictionary<string, string>();
        }
        catch (JsonException)
        {
            return new Dictionary<string, string>();
        }
    }
}
