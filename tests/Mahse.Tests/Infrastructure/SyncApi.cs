using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Mahse.Tests.Infrastructure;

/// <summary>The sync module's Management API as the dashboard calls it, and the site's uSync folder as files.</summary>
public sealed class SyncApi(UmbracoSite site)
{
    public const string Root = "/umbraco/management/api/v1/usync/";

    public async Task<SyncReportView> ImportAsync(bool dryRun = false, string group = "All")
    {
        using var admin = await site.ManagementClientAsync();
        using var response = await admin.PostAsJsonAsync(Root + "import", new { dryRun, group });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"import: {(int)response.StatusCode} {body}");
        return new SyncReportView(JsonDocument.Parse(body).RootElement.Clone());
    }

    /// <summary>Writes a file into the site's uSync folder as uSync writes them (UTF-8 with BOM).</summary>
    public void Write(string relativePath, string xml)
    {
        var path = Path.Combine(site.UsyncFolder, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, xml, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
    }

    public string Read(string relativePath) => File.ReadAllText(Path.Combine(site.UsyncFolder, relativePath));

    public bool Exists(string relativePath) => File.Exists(Path.Combine(site.UsyncFolder, relativePath));

    public void Delete(string relativePath) => File.Delete(Path.Combine(site.UsyncFolder, relativePath));
}

/// <summary>A report as the API answers it.</summary>
public sealed record SyncReportView(JsonElement Json)
{
    public IEnumerable<JsonElement> Lines => Json.GetProperty("lines").EnumerateArray();

    public JsonElement LineFor(string file) =>
        Lines.SingleOrDefault(l => l.GetProperty("file").GetString() is { } f && f.EndsWith(file, StringComparison.Ordinal)) is { ValueKind: JsonValueKind.Object } line
            ? line
            : throw new Xunit.Sdk.XunitException($"No report line for {file}:\n{Json}");

    /// <summary>The line's change, with the whole line after it so that a failed comparison shows why.</summary>
    public static string Change(JsonElement line) => line.GetProperty("change").GetString()!;

    public static string Describe(JsonElement line) => line.ToString();

    public static string Message(JsonElement line) => line.GetProperty("message").GetString() ?? "";

    public static IReadOnlyList<string> Warnings(JsonElement line) => line.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList();

    public int Total(string change) => Json.GetProperty("totals").GetProperty(change).GetInt32();
}
