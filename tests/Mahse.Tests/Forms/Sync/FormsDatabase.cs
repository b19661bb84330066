using System.Text.Json;
using Mahse.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Mahse.Tests.Forms.Sync;

/// <summary>
/// The forms module's rows as the site's SQLite database holds them, read from outside the site process. (Until the
/// forms Management API serves them, this is the outside view of what an import stored.)
/// </summary>
public sealed class FormsDatabase(UmbracoSite site)
{
    public sealed record StoredForm(Guid Key, string Name, Guid? FolderKey, JsonElement Definition, DateTime UpdateDate);

    public sealed record StoredSource(Guid Key, string Name, Guid TypeId, string Settings, string? Items);

    public sealed record StoredFolder(Guid Key, string Name, Guid? ParentKey);

    private string File => Path.Combine(TemplateDatabase.DataFolder(site.ContentRoot), "Umbraco.sqlite.db");

    public async Task<IReadOnlyList<StoredForm>> FormsAsync() =>
        await QueryAsync("SELECT key, name, folderKey, definition, updateDate FROM mahseFormsForm ORDER BY name", r => new StoredForm(
            Guid.Parse(r.GetString(0)), r.GetString(1), r.IsDBNull(2) ? null : Guid.Parse(r.GetString(2)),
            JsonDocument.Parse(r.GetString(3)).RootElement.Clone(), r.GetDateTime(4)));

    public async Task<StoredForm?> FormAsync(Guid key) => (await FormsAsync()).SingleOrDefault(f => f.Key == key);

    public async Task<IReadOnlyList<StoredSource>> SourcesAsync() =>
        await QueryAsync("SELECT key, name, typeId, settings, items FROM mahseFormsPreValueSource ORDER BY name", r => new StoredSource(
            Guid.Parse(r.GetString(0)), r.GetString(1), Guid.Parse(r.GetString(2)), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4)));

    public async Task<IReadOnlyList<StoredFolder>> FoldersAsync() =>
        await QueryAsync("SELECT key, name, parentKey FROM mahseFormsFolder ORDER BY name", r => new StoredFolder(
            Guid.Parse(r.GetString(0)), r.GetString(1), r.IsDBNull(2) ? null : Guid.Parse(r.GetString(2))));

    /// <summary>A stored form's fields (alias → field JSON), across pages, fieldsets and columns.</summary>
    public static Dictionary<string, JsonElement> Fields(StoredForm form) =>
        form.Definition.GetProperty("pages").EnumerateArray()
            .SelectMany(p => p.GetProperty("fieldSets").EnumerateArray())
            .SelectMany(s => s.GetProperty("containers").EnumerateArray())
            .SelectMany(c => c.GetProperty("fields").EnumerateArray())
            .ToDictionary(f => f.GetProperty("alias").GetString()!);

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, Func<SqliteDataReader, T> read)
    {
        // Pooling off: the site owns the file; a test must not keep it open between reads.
        await using var connection = new SqliteConnection($"Data Source={File};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
