using Mahse.Sync;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;

namespace Mahse.Sync.Serialization;

/// <summary>uSync's file conventions: UTF-8 with BOM, 2-space indent, LF, no final newline; JSON in CDATA; two boolean casings.</summary>
public static class UsyncXml
{
    private static readonly JsonSerializerOptions IndentedJson = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.Default,
    };

    public static readonly Encoding Utf8WithBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    public static string ToText(XElement root)
    {
        var settings = new XmlWriterSettings
        {
            Encoding = Utf8WithBom,
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.None,
            OmitXmlDeclaration = false,
        };
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, settings))
        {
            new XDocument(new XDeclaration("1.0", "utf-8", null), root).Save(writer);
        }

        return Utf8WithBom.GetString(stream.ToArray()).TrimStart('\uFEFF');
    }

    public static byte[] ToBytes(XElement root) => [.. Utf8WithBom.GetPreamble(), .. Encoding.UTF8.GetBytes(ToText(root))];

    public static async Task WriteAsync(string path, XElement root, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, ToBytes(root), ct);
    }

    /// <summary>uSync's <c>True</c>/<c>False</c> (bool.ToString()) for the fields it writes that way.</summary>
    public static string PascalBool(bool value) => value ? "True" : "False";

    public static string CamelBool(bool value) => value ? "true" : "false";

    public static bool ReadBool(XElement? element, bool fallback = false) =>
        element is null ? fallback : bool.TryParse(element.Value.Trim(), out var b) ? b : element.Value.Trim() == "1";

    public static string Date(DateTime date) => date.ToString("s", CultureInfo.InvariantCulture);

    public static XElement CData(string name, string? value) => new(name, new XCData(value ?? ""));

    /// <summary>JSON as uSync writes it: indented, 2 spaces, camelCase keys (top level sorted when asked), escaping encoder.</summary>
    public static string Json(JsonNode? node, bool sortTopLevel)
    {
        if (node is JsonObject obj && sortTopLevel)
        {
            var sorted = new JsonObject();
            foreach (var (key, value) in obj.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                sorted[key] = value?.DeepClone();
            }

            node = sorted;
        }

        return node?.ToJsonString(IndentedJson) ?? "null";
    }

    public static string? Text(XElement? element) => element?.Value;

    public static Guid? ReadGuid(string? value) => Guid.TryParse(value, out var g) ? g : null;

    /// <summary>
    /// Compares two items as uSync's change detection does, but semantically: whitespace-insensitive text, booleans
    /// in either casing, JSON (config, values) compared as JSON.
    /// </summary>
    public static bool AreEqual(XElement a, XElement b) => Differences(a, b).Count == 0;

    public static List<SyncFieldChange> Differences(XElement current, XElement incoming)
    {
        var left = Flatten(current);
        var right = Flatten(incoming);
        var changes = new List<SyncFieldChange>();
        foreach (var path in left.Keys.Union(right.Keys))
        {
            left.TryGetValue(path, out var l);
            right.TryGetValue(path, out var r);
            if (!SameValue(l, r))
            {
                changes.Add(new SyncFieldChange(path, Blank(l), Blank(r)));
            }
        }

        return changes;
    }

    private static string Blank(string? value) => string.IsNullOrEmpty(value) ? "(Blank)" : value;

    private static Dictionary<string, string> Flatten(XElement root)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        void Walk(XElement element, string path)
        {
            foreach (var attribute in element.Attributes())
            {
                result[$"{path}@{attribute.Name.LocalName}"] = attribute.Value;
            }

            var children = element.Elements().ToList();
            if (children.Count == 0)
            {
                result[path] = element.Value;
                return;
            }

            var counts = new Dictionary<string, int>();
            foreach (var child in children)
            {
                var name = child.Name.LocalName;
                counts[name] = counts.GetValueOrDefault(name) + 1;
                var identity = child.Attribute("Key")?.Value ?? child.Attribute("Culture")?.Value ?? child.Element("Key")?.Value ?? child.Element("Alias")?.Value;
                Walk(child, $"{path}/{name}" + (identity is null ? (counts[name] > 1 ? $"[{counts[name]}]" : "") : $"[{identity}]"));
            }
        }

        Walk(root, root.Name.LocalName);
        return result;
    }

    private static bool SameValue(string? a, string? b)
    {
        a = a?.Trim() ?? "";
        b = b?.Trim() ?? "";
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return true;
        }

        if (bool.TryParse(a, out var ba) && bool.TryParse(b, out var bb))
        {
            return ba == bb;
        }

        if (a.Length > 0 && b.Length > 0 && a[0] is '{' or '[' && b[0] is '{' or '[')
        {
            try
            {
                return JsonNode.DeepEquals(JsonNode.Parse(a), JsonNode.Parse(b));
            }
            catch (JsonException)
            {
                return false;
            }
        }

        return false;
    }
}
