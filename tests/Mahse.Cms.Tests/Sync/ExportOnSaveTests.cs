using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Mahse.Cms.Sync;
using Mahse.Cms.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Mahse.Cms.Tests.Infrastructure.ManagementApi;

namespace Mahse.Cms.Tests.Sync;

public sealed class ExportOnSaveHost : SqlitePortalHost
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["uSync:Settings:ExportOnSave"] = "All",
    };
}

/// <summary>uSync's ExportOnSave: saves write files, renames leave Rename markers, deletes leave Delete markers.</summary>
public sealed class ExportOnSaveTests(ExportOnSaveHost host) : IClassFixture<ExportOnSaveHost>
{
    private string Folder(string handlerFolder) => Path.Combine(host.ContentRoot, "uSync", "v17", handlerFolder);

    [Fact]
    public async Task Schema_and_content_saves_write_their_files_and_deletes_write_markers()
    {
        var api = new ManagementApi(await host.ClientAsync());
        var dataType = await api.CreateDataTypeAsync("Umbraco.TextBox", new JsonObject { ["maxChars"] = 40 }, name: "Stage Code");
        Assert.Contains("\"maxChars\": 40", await File.ReadAllTextAsync(Path.Combine(Folder("DataTypes"), "StageCode.config")));

        var type = await api.CreateDocumentTypeAsync("exportedPage", [Property("title", Textstring), Property("code", dataType)]);
        var typeFile = XElement.Load(Path.Combine(Folder("ContentTypes"), "exportedpage.config"));
        Assert.Equal(type.ToString(), typeFile.Attribute("Key")!.Value);

        var doc = await api.CreateDocumentAsync(type, "Exported Page", new JsonObject { ["title"] = "Hello" });
        await api.PublishAsync(doc);
        var docFile = XElement.Load(Path.Combine(Folder("Content"), "exported-page.config"));
        Assert.Equal("true", docFile.Element("Info")!.Element("Published")!.Attribute("Default")!.Value);
        Assert.Equal("Hello", docFile.Element("Properties")!.Element("title")!.Element("Value")!.Value);

        await EnsureAsync(await api.PutDocumentAsync(doc, "Renamed Page", new JsonObject { ["title"] = "Hello" }), HttpStatusCode.OK);
        Assert.True(File.Exists(Path.Combine(Folder("Content"), "renamed-page.config")));
        var old = XElement.Load(Path.Combine(Folder("Content"), "exported-page.config"));
        Assert.Equal("Empty", old.Name.LocalName);
        Assert.Equal("Rename", old.Attribute("Change")!.Value);

        await EnsureAsync(await api.Client.PutAsync($"{Base}/document/{doc}/move-to-recycle-bin", null), HttpStatusCode.OK);
        var trashed = XElement.Load(Path.Combine(Folder("Content"), "renamed-page.config"));
        Assert.Equal("Delete", trashed.Attribute("Change")!.Value);
        Assert.Equal("101", trashed.Attribute("Level")!.Value);

        // What was written imports back cleanly: nothing fails, and the trashed page stays trashed.
        var report = await host.Services.GetRequiredService<SyncService>().ImportAsync(null, dryRun: false, SyncGroups.All, CancellationToken.None);
        Assert.False(report.HasFailures, string.Join("\n", report.Lines.Where(l => !l.Success).Select(l => $"{l.File}: {l.Message}")));
    }

    [Fact]
    public async Task Public_access_set_through_the_management_api_is_written_to_the_documents_file()
    {
        var api = new ManagementApi(await host.ClientAsync());
        await EnsureAsync(await api.Client.PostAsJsonAsync($"{Base}/member-group", new { name = "Exported readers" }), HttpStatusCode.Created);
        var type = await api.CreateDocumentTypeAsync("guardedPage", [Property("title", Textstring)]);
        var doc = await api.CreateDocumentAsync(type, "Guarded Page", new JsonObject { ["title"] = "Hush" });
        await api.PublishAsync(doc);

        await EnsureAsync(await api.Client.PostAsJsonAsync($"{Base}/document/{doc}/public-access", new { memberGroupNames = new[] { "Exported readers" } }), HttpStatusCode.Created);
        var file = XElement.Load(Path.Combine(Folder("Content"), "guarded-page.config"));
        Assert.Equal("Exported readers", file.Element("PublicAccess")!.Element("MemberGroup")!.Value);

        await EnsureAsync(await api.Client.DeleteAsync($"{Base}/document/{doc}/public-access"), HttpStatusCode.OK);
        Assert.Null(XElement.Load(Path.Combine(Folder("Content"), "guarded-page.config")).Element("PublicAccess"));
    }

    [Fact]
    public async Task Member_groups_created_and_deleted_through_the_management_api_write_their_files_and_markers()
    {
        var api = new ManagementApi(await host.ClientAsync());
        var created = await api.Client.PostAsJsonAsync($"{Base}/member-group", new { name = "Roadmap Champions" });
        await EnsureAsync(created, HttpStatusCode.Created);
        var key = created.Headers.Location!.ToString().Split('/')[^1];
        var path = Path.Combine(Folder("MemberGroups"), "roadmap-champions.config");
        var file = XElement.Load(path);
        Assert.Equal(key, file.Attribute("Key")!.Value);
        Assert.Equal("Roadmap Champions", file.Element("Name")!.Value);

        await EnsureAsync(await api.Client.DeleteAsync($"{Base}/member-group/{key}"), HttpStatusCode.OK);
        var marker = XElement.Load(path);
        Assert.Equal("Empty", marker.Name.LocalName);
        Assert.Equal("Delete", marker.Attribute("Change")!.Value);
        Assert.Equal(key, marker.Attribute("Key")!.Value);
    }

    [Fact]
    public async Task A_form_saved_through_the_management_api_is_written_in_usync_forms_format()
    {
        var admin = await host.ClientAsync();
        var form = new Mahse.Cms.Forms.Model.FormDefinition { Id = Guid.NewGuid(), Name = "Exported form" };
        await EnsureAsync(await admin.PutAsJsonAsync($"/umbraco/forms/management/api/v1/form/{form.Id}", form, Mahse.Cms.Forms.FormStore.Json), HttpStatusCode.Created);

        var file = XElement.Load(Path.Combine(Folder("Forms"), "exported-form.config"));
        Assert.Equal("forms-form", file.Name.LocalName);
        Assert.Equal(form.Id.ToString(), file.Attribute("Key")!.Value);
    }

    [Fact]
    public async Task An_import_does_not_write_files()
    {
        var folder = Path.Combine(host.ContentRoot, "incoming");
        Directory.CreateDirectory(Path.Combine(folder, "DataTypes"));
        var key = Guid.NewGuid();
        await File.WriteAllTextAsync(Path.Combine(folder, "DataTypes", "Imported.config"),
            $"""<DataType Key="{key}" Alias="Imported only" Level="1"><Info><Name>Imported only</Name><EditorAlias>Umbraco.TextBox</EditorAlias><EditorUIAlias>Umb.PropertyEditorUi.TextBox</EditorUIAlias></Info><Config><![CDATA[{"{}"}]]></Config></DataType>""");

        var report = await host.Services.GetRequiredService<SyncService>().ImportAsync(folder, dryRun: false, SyncGroups.All, CancellationToken.None);

        Assert.Equal(SyncChange.Create, report.Lines.Single().Change);
        Assert.False(File.Exists(Path.Combine(Folder("DataTypes"), "ImportedOnly.config")));
    }
}
