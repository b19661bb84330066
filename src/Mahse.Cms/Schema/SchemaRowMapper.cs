using System.Text.Json;
using System.Text.Json.Nodes;
using Mahse.Cms.Persistence;
using Umbraco.Cms.Core.Models;

namespace Mahse.Cms.Schema;

internal static class SchemaRowMapper
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record DefinitionJson(
        List<ContainerDefinition> Containers,
        List<PropertyTypeDefinition> Properties,
        List<Guid> Compositions,
        List<AllowedChildDefinition> AllowedChildren,
        ContentTypePresentation? Presentation = null);

    public static DataTypeDefinition ToDefinition(DataTypeRow row) => new(
        row.Key, row.Name, row.EditorAlias, row.EditorUiAlias,
        JsonNode.Parse(row.ConfigurationJson) as JsonObject ?? [],
        row.Folder, row.Version, row.CreateDate, row.UpdateDate);

    public static void Apply(DataTypeDefinition definition, DataTypeRow row)
    {
        row.Key = definition.Key;
        row.Name = definition.Name;
        row.EditorAlias = definition.EditorAlias;
        row.EditorUiAlias = definition.EditorUiAlias;
        row.ConfigurationJson = definition.Configuration.ToJsonString();
        row.Folder = definition.Folder;
    }

    public static ContentTypeDefinition ToDefinition(ContentTypeRow row)
    {
        var json = JsonSerializer.Deserialize<DefinitionJson>(row.DefinitionJson, Json)
                   ?? new DefinitionJson([], [], [], []);
        return new ContentTypeDefinition(
            row.Key, row.Kind, row.Alias, row.Name,
            json.Containers ?? [], json.Properties ?? [], json.Compositions ?? [], json.AllowedChildren ?? [],
            row.Icon, row.Description, row.AllowedAtRoot, row.IsElement, (ContentVariation)row.Variations, row.Folder,
            row.Version, row.CreateDate, row.UpdateDate, json.Presentation);
    }

    public static void Apply(ContentTypeDefinition definition, ContentTypeRow row)
    {
        row.Key = definition.Key;
        row.Kind = definition.Kind;
        row.Alias = definition.Alias;
        row.Name = definition.Name;
        row.Icon = definition.Icon;
        row.Description = definition.Description;
        row.AllowedAtRoot = definition.AllowedAtRoot;
        row.IsElement = definition.IsElement;
        row.Variations = (int)definition.Variations;
        row.Folder = definition.Folder;
        row.DefinitionJson = JsonSerializer.Serialize(
            new DefinitionJson([.. definition.Containers], [.. definition.Properties], [.. definition.Compositions], [.. definition.AllowedChildren], definition.Presentation),
            Json);
    }
}
