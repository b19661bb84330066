using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Mahse.Tests.Infrastructure;
using static Mahse.Tests.Infrastructure.SyncReportView;

namespace Mahse.Tests.Forms.Sync;

/// <summary>
/// A new MAHSE site imports its forms and prevalue sources on first boot: the start-up report says so line by line,
/// and the forms Management API serves what the files describe.
/// Nothing here imports or exports again, so the start-up report stays the last one.
/// </summary>
public sealed class FormsFirstBootTests(MahseSite site) : IClassFixture<MahseSite>
{
    private FormsView Forms => new(site);

    private static IEnumerable<(string File, XElement Root)> Files(string folder) =>
        Directory.EnumerateFiles(Path.Combine(Repository.MahseUsync, folder), "*.config").Order()
            .Select(p => ($"{folder}/{Path.GetFileName(p)}", XElement.Load(p)));

    private async Task<SyncReportView> StartUpReportAsync()
    {
        using var admin = await site.ManagementClientAsync();
        using var response = await admin.GetAsync(SyncApi.Root + "report");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"report: {(int)response.StatusCode} {body}");
        return new SyncReportView(JsonDocument.Parse(body).RootElement.Clone());
    }

    [Fact]
    public async Task The_start_up_report_created_the_three_prevalue_sources_then_the_four_forms()
    {
        var report = await StartUpReportAsync();

        Assert.Equal("Import", report.Json.GetProperty("action").GetString());
        var sources = Files("Forms-PreValues").Select(f => report.LineFor(f.File)).ToList();
        var forms = Files("Forms").Select(f => report.LineFor(f.File)).ToList();
        Assert.Equal(3, sources.Count);
        Assert.Equal(4, forms.Count);
        Assert.All(sources.Concat(forms), line => Assert.True(Change(line) == "Create", Describe(line)));
        Assert.All(sources, line => Assert.Equal("PreValue", line.GetProperty("itemType").GetString()));
        Assert.All(forms, line => Assert.Equal("forms-form", line.GetProperty("itemType").GetString()));

        // Sources first: a form names its sources, which must exist when it is stored.
        var order = report.Lines.Select(l => l.GetProperty("file").GetString()).ToList();
        Assert.True(order.FindLastIndex(f => f?.StartsWith("Forms-PreValues/") == true) < order.FindIndex(f => f?.StartsWith("Forms/") == true));

        // And the forms' source names all resolved: no warnings.
        Assert.All(forms, line => Assert.True(Warnings(line).Count == 0, Describe(line)));
    }

    [Fact]
    public async Task The_four_forms_are_stored_with_their_keys_names_workflows_and_fields()
    {
        var listed = await Forms.FormsAsync();

        foreach (var (file, root) in Files("Forms"))
        {
            var key = Guid.Parse(root.Attribute("Key")!.Value);
            Assert.Contains(listed, f => f.Id == key);
            var form = await Forms.FormAsync(key);
            Assert.NotNull(form);
            Assert.Equal(root.Element("Info")!.Element("Name")!.Value, form.Name);
            Assert.Null(form.FolderId);
            Assert.Equal(root.Element("Info")!.Element("Workflows")!.Elements("Workflow").Count(), form.Definition.GetProperty("workflows").GetArrayLength());
            var fileFields = JsonDocument.Parse(root.Element("Pages")!.Value).RootElement.EnumerateArray()
                .SelectMany(p => p.GetProperty("fieldSets").EnumerateArray()).SelectMany(s => s.GetProperty("containers").EnumerateArray())
                .SelectMany(c => c.GetProperty("fields").EnumerateArray()).Select(f => f.GetProperty("alias").GetString()).ToList();
            Assert.True(fileFields.SequenceEqual(form.Fields.Select(f => f.GetProperty("alias").GetString())), file);
        }

        var fellowship = await Forms.FormAsync(listed.Single(f => f.Name == "Fellowship application").Id);
        Assert.True(fellowship!.Definition.GetProperty("manualApproval").GetBoolean());
        Assert.Equal(730, fellowship.Definition.GetProperty("daysToRetainSubmittedRecordsFor").GetInt32());
        Assert.Equal(5, fellowship.Definition.GetProperty("workflows").GetArrayLength());
    }

    [Fact]
    public async Task The_three_prevalue_sources_are_stored_and_the_forms_name_them_by_key()
    {
        var sources = await Forms.SourcesAsync();

        Assert.Equal(["Career stages", "Healthcare science divisions", "North West regions"], sources.Select(s => s.Name));
        Assert.All(sources, s => Assert.Equal(Guid.Parse("ea773caf-fef2-491b-b5b7-6a3552b1a0e2"), s.TypeId));
        foreach (var (_, root) in Files("Forms-PreValues"))
        {
            Assert.Contains(sources, s => s.Id == Guid.Parse(root.Attribute("Key")!.Value));
        }

        // uSync.Forms writes a field's source by name; it is stored by key.
        var registration = (await Forms.FormsAsync()).Single(f => f.Name == "Member registration");
        var form = await Forms.FormAsync(registration.Id);
        var careerStages = sources.Single(s => s.Name == "Career stages").Id;
        Assert.Equal(careerStages, Guid.Parse(form!.Field("careerStage").GetProperty("prevalueSourceId").GetString()!));
    }
}
