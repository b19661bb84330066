using System.Text.Json.Nodes;

namespace Mahse.Cms.Content;

/// <summary>The stored values of a version (alias → value as Umbraco stores it), to and from the version row.</summary>
internal static class ContentValues
{
    public static Dictionary<string, JsonNode?> Parse(string json)
    {
        var result = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        if (JsonNode.Parse(json) is JsonObject obj)
        {
            foreach (var (alias, value) in obj)
            {
                result[alias] = value?.DeepClone();
            }
        }

        return result;
    }

    public static string Serialize(IReadOnlyDictionary<string, JsonNode?> values)
    {
        var obj = new JsonObject();
        foreach (var (alias, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            obj[alias] = value?.DeepClone();
        }

        return obj.ToJsonString();
    }
}
