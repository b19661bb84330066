using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Mahse.Tests.Infrastructure;
using static Mahse.Tests.Infrastructure.SyncReportView;

namespace Mahse.Tests.Forms.Sync;

/// <summary>The MAHSE site with export on save covering Settings, where forms and prevalue sources belong.</summary>
public sealed class FormsSyncSite : MahseSite
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["uSync:Settings:ExportOnSave"] = "Settings",
    };
}

/// <summary>
/// Forms and prevalue sources through the sync module's Management API on the MAHSE site: re-imports are no change,
/// a changed file updates (a dry run first reports it), a broken file fails its own line and stores nothing while the
/// rest goes in, uSync.Forms' own files import, delete markers delete, folder paths make folders, and an export (or a
/// save in the backoffice) writes the files back as uSync.Forms writes them. What is stored is read back through the
/// forms Management API. Each test puts back the files it changed, and imports them again.
/// </summary>
public sealed class FormsSyncTests(FormsSyncSite site) : IClassFixture<FormsSyncSite>, IAsyncLifetime
{
    private const string Contact = "Forms/contact.config";
    private const string Resources = "Forms/stakeholder-resource-suggestion.config";
    private static readonly Guid ContactKey = Guid.Parse("0417eb1d-9917-5c6e-a315-261cb922bf38");
    private static readonly Guid ResourcesKey = Guid.Parse(XElement.Load(Original(Resources)).Attribute("Key")!.Value);

    private readonly List<string> _written = [];

    private SyncApi Sync => new(site);

    private FormsView Forms => new(site);

    private static string Original(string file) => Path.Combine(Repository.MahseUsync, file);

    private static string OriginalText(string file) => File.ReadAllText(Original(file));

    private static string UsyncFormsFixture(string name) => File.ReadAllText(Path.Combine(Repository.Shared, "contracts", "fixtures", "forms", "usync-forms", name));

    private static IEnumerable<string> MahseFiles() =>
        new[] { "Forms", "Forms-PreValues" }.SelectMany(folder => Directory.EnumerateFiles(Original(folder), "*.config").Order().Select(p => $"{folder}/{Path.GetFileName(p)}"));

    /// <summary>A copy of a MAHSE form file as another form (new key and name), with one field changed.</summary>
    private static string OtherForm(string file, Guid key, string name, string? folder = null, string? fieldAlias = null, Action<JsonObject>? change = null)
    {
        var root = XElement.Parse(OriginalText(file).TrimStart('\uFEFF'));
        root.SetAttributeValue("Key", key.ToString());
        root.SetAttributeValue("Alias", name);
        root.Element("Info")!.SetElementValue("Name", name);
        if (folder is not null)
        {
            root.Element("Info")!.SetElementValue("Folder", folder);
        }

        if (fieldAlias is not null)
        {
            var pages = JsonNode.Parse(root.Element("Pages")!.Value)!;
            var field = pages.AsArray().SelectMany(p => p!["fieldSets"]!.AsArray()).SelectMany(s => s!["containers"]!.AsArray())
                .SelectMany(c => c!["fields"]!.AsArray()).Single(f => (string?)f!["alias"] == fieldAlias)!.AsObject();
            change!(field);
            root.Element("Pages")!.ReplaceNodes(new XCData(pages.ToJsonString()));
        }

        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + root;
    }

    private static void AssertChange(string expected, JsonElement line) => Assert.True(Change(line) == expected, $"expected {expected}: {Describe(line)}");

    /// <summary>Writes a file for this test: a MAHSE file is put back afterwards, a new one removed.</summary>
    private void Write(string file, string xml)
    {
        _written.Add(file);
        Sync.Write(file, xml);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_written.Count == 0)
        {
            return;
        }

        foreach (var file in _written.Distinct())
        {
            if (File.Exists(Original(file)))
            {
                File.Copy(Original(file), Path.Combine(site.UsyncFolder, file), overwrite: true);
            }
            else if (Sync.Exists(file))
            {
                Sync.Delete(file);
            }
        }

        // The next test starts from the MAHSE forms as the files describe them.
        await Sync.ImportAsync(group: "Settings");
    }

    [Fact]
    public async Task A_second_import_reports_no_change_for_the_forms_and_their_sources()
    {
        await Sync.ImportAsync(group: "Settings");

        var again = await Sync.ImportAsync(group: "Settings");

        foreach (var file in MahseFiles())
        {
            AssertChange("NoChange", again.LineFor(file));
        }
    }

    [Fact]
    public async Task A_dry_run_reports_a_changed_form_without_storing_it_and_the_import_then_updates_it()
    {
        Write(Contact, OriginalText(Contact)
            .Replace("<SubmitLabel>Submit</SubmitLabel>", "<SubmitLabel>Send your message</SubmitLabel>")
            .Replace("\"caption\": \"Subject\",", "\"caption\": \"What is it about?\","));

        var dryRun = await Sync.ImportAsync(dryRun: true, group: "Settings");

        var planned = dryRun.LineFor(Contact);
        AssertChange("Update", planned);
        var fields = planned.GetProperty("details").EnumerateArray().Select(d => d.GetProperty("name").GetString()).ToList();
        Assert.Contains("forms-form/Info/SubmitLabel", fields);
        Assert.Contains("forms-form/Pages", fields);
        Assert.Equal("Submit", (await Forms.FormAsync(ContactKey))!.Definition.GetProperty("submitLabel").GetString());

        var import = await Sync.ImportAsync(group: "Settings");

        AssertChange("Update", import.LineFor(Contact));
        AssertChange("NoChange", import.LineFor(Resources));
        var stored = await Forms.FormAsync(ContactKey);
        Assert.Equal("Send your message", stored!.Definition.GetProperty("submitLabel").GetString());
        Assert.Equal("What is it about?", stored.Field("subject").GetProperty("caption").GetString());
        AssertChange("NoChange", (await Sync.ImportAsync(group: "Settings")).LineFor(Contact));
    }

    public static TheoryData<string, string> BrokenContactFiles => new()
    {
        { "malformed XML", "not valid XML" },
        { "bad JSON in the pages", "<Pages> JSON is not valid" },
        { "an unknown field type", "unknown field type 0e0e0e0e-0000-4000-8000-000000000001" },
        { "a duplicate alias", "The alias 'email' is used by more than one field" },
        { "workflow settings that are not JSON", "The settings of workflow 'Send to the programme team' are not valid JSON" },
    };

    private static string Broken(string kind) => kind switch
    {
        "malformed XML" => OriginalText(Contact).Replace("</Info>", "</Inf>"),
        "bad JSON in the pages" => OriginalText(Contact).Replace("\"fieldSets\": [", "\"fieldSets\": [[", StringComparison.Ordinal),
        "an unknown field type" => OriginalText(Contact).Replace("\"fieldTypeId\": \"023f09ac-1445-4bcb-b8fa-ab49f33bd046\"", "\"fieldTypeId\": \"0e0e0e0e-0000-4000-8000-000000000001\""),
        "a duplicate alias" => OriginalText(Contact).Replace("\"alias\": \"subject\"", "\"alias\": \"email\""),
        "workflow settings that are not JSON" => OriginalText(Contact).Replace("\"Email\": \"ri-programme@mahse.example\",", "\"Email\": ri-programme@mahse.example,"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(BrokenContactFiles))]
    public async Task A_broken_form_file_fails_its_line_keeps_the_stored_form_and_the_rest_still_imports(string kind, string reason)
    {
        var before = (await Forms.FormAsync(ContactKey))!.Definition.GetRawText();
        Write(Contact, Broken(kind));
        Write(Resources, OriginalText(Resources).Replace("<SubmitLabel>Submit</SubmitLabel>", "<SubmitLabel>Suggest it</SubmitLabel>"));

        var dryRun = await Sync.ImportAsync(dryRun: true, group: "Settings");
        var import = await Sync.ImportAsync(group: "Settings");

        foreach (var report in new[] { dryRun, import })
        {
            var line = report.LineFor(Contact);
            AssertChange("Fail", line);
            Assert.Contains(reason, Message(line));
        }

        AssertChange("Update", import.LineFor(Resources));
        Assert.Equal("Suggest it", (await Forms.FormAsync(ResourcesKey))!.Definition.GetProperty("submitLabel").GetString());
        Assert.Equal(before, (await Forms.FormAsync(ContactKey))!.Definition.GetRawText());
    }

    [Fact]
    public async Task A_prevalue_source_of_an_unknown_type_fails_and_a_form_naming_a_missing_source_imports_with_a_warning()
    {
        var key = Guid.NewGuid();
        Write("Forms-PreValues/sql-source.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <PreValue Key="{key}" Alias="From SQL">
              <Info><Name>From SQL</Name><FieldPreValueSourceTypeId>f1f5bd4d-e6ae-44ed-86cb-97661e4660b2</FieldPreValueSourceTypeId></Info>
              <Settings>{"{"}"Table": "Regions"{"}"}</Settings>
            </PreValue>
            """);
        var formKey = Guid.NewGuid();
        Write("Forms/regions-from-sql.config", OtherForm(Contact, formKey, "Regions from SQL", fieldAlias: "subject", change: field =>
        {
            field["fieldTypeId"] = "0dd29d42-a6a5-11de-a2f2-222256d89593";
            field["prevalueSourceId"] = "From SQL";
        }));

        var import = await Sync.ImportAsync(group: "Settings");

        var source = import.LineFor("Forms-PreValues/sql-source.config");
        AssertChange("Fail", source);
        Assert.Contains("f1f5bd4d-e6ae-44ed-86cb-97661e4660b2", Message(source));
        Assert.DoesNotContain(await Forms.SourcesAsync(), s => s.Id == key);
        var form = import.LineFor("Forms/regions-from-sql.config");
        AssertChange("Create", form);
        Assert.Contains(Warnings(form), w => w.Contains("'From SQL'", StringComparison.Ordinal));
        Assert.Equal("From SQL", (await Forms.FormAsync(formKey))!.Field("subject").GetProperty("prevalueSourceId").GetString());
    }

    [Fact]
    public async Task The_usync_forms_test_form_and_prevalue_sources_import_and_stay_unchanged_on_the_next_import()
    {
        Write("Forms/test-form.config", UsyncFormsFixture("test-form.config"));
        Write("Forms-PreValues/prevalue-test.config", UsyncFormsFixture("prevalue-test.config"));
        Write("Forms-PreValues/prevalue-documents.config", UsyncFormsFixture("prevalue-documents.config"));

        var import = await Sync.ImportAsync(group: "Settings");

        AssertChange("Create", import.LineFor("Forms/test-form.config"));
        AssertChange("Create", import.LineFor("Forms-PreValues/prevalue-test.config"));
        AssertChange("Create", import.LineFor("Forms-PreValues/prevalue-documents.config"));
        var form = await Forms.FormAsync(Guid.Parse("cfd53d45-b300-4980-a792-4148aa092911"));
        Assert.Equal("Test Form", form!.Name);
        Assert.Equal("<p>Thank you</p>", form.Definition.GetProperty("messageOnSubmit").GetString());
        Assert.Equal("kevin@thejumps.co.uk", form.Definition.GetProperty("workflows")[0].GetProperty("settings").GetProperty("Email").GetString());
        Assert.True(form.Field("dataConsent").GetProperty("mandatory").GetBoolean());
        var sources = await Forms.SourcesAsync();
        Assert.Contains(sources, s => s.Id == Guid.Parse("93b8dfeb-8123-4fcd-bd21-ca0948ca4ba1") && s.Name == "test" && s.TypeId == Guid.Parse("35c2053e-cbf7-4793-b27c-6e97b7671a2d"));
        Assert.Contains(sources, s => s.Id == Guid.Parse("dd16faa2-5e71-4184-b8ea-baa13f6ef83d") && s.Name == "Documents PreValue");

        // Its files were not written by this module (other property names and order), yet nothing changed since.
        var again = await Sync.ImportAsync(group: "Settings");
        AssertChange("NoChange", again.LineFor("Forms/test-form.config"));
        AssertChange("NoChange", again.LineFor("Forms-PreValues/prevalue-test.config"));
    }

    [Fact]
    public async Task A_form_with_a_folder_path_goes_into_folders_made_on_the_way_and_a_delete_marker_deletes_it()
    {
        var key = Guid.NewGuid();
        const string file = "Forms/programme-contact.config";
        Write(file, OtherForm(Contact, key, "Programme contact", folder: "/Programme/Fellowships"));

        AssertChange("Create", (await Sync.ImportAsync(group: "Settings")).LineFor(file));

        var programme = Assert.Single(await Forms.TreeAsync(), i => i.Type == "folder" && i.Name == "Programme");
        var fellowships = Assert.Single(await Forms.TreeAsync(programme.Id), i => i.Type == "folder" && i.Name == "Fellowships");
        Assert.Contains(await Forms.TreeAsync(fellowships.Id), i => i.Type == "form" && i.Id == key);
        Assert.Equal(fellowships.Id, (await Forms.FormAsync(key))!.FolderId);
        AssertChange("NoChange", (await Sync.ImportAsync(group: "Settings")).LineFor(file));

        Write(file, $"""<?xml version="1.0" encoding="utf-8"?><Empty Key="{key}" Alias="Programme contact" Change="Delete" />""");
        AssertChange("Delete", (await Sync.ImportAsync(group: "Settings")).LineFor(file));
        Assert.Null(await Forms.FormAsync(key));
    }

    [Fact]
    public async Task An_export_writes_the_mahse_forms_and_prevalue_sources_back_byte_for_byte()
    {
        using var admin = await site.ManagementClientAsync();
        using var response = await admin.PostAsJsonAsync(SyncApi.Root + "export", new { group = "Settings" });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var report = new SyncReportView(JsonDocument.Parse(body).RootElement.Clone());

        foreach (var file in MahseFiles())
        {
            AssertChange("NoChange", report.LineFor(file));
            Assert.True(File.ReadAllBytes(Original(file)).SequenceEqual(File.ReadAllBytes(Path.Combine(site.UsyncFolder, file))), file);
        }
    }

    [Fact]
    public async Task A_form_created_changed_and_deleted_in_the_backoffice_writes_its_file_then_a_delete_marker()
    {
        const string file = "Forms/bursary-enquiry.config";
        _written.Add(file);
        var id = Guid.NewGuid();
        var definition = JsonNode.Parse((await Forms.FormAsync(ContactKey))!.Definition.GetRawText())!.AsObject();
        definition["id"] = id.ToString();
        definition["name"] = "Bursary enquiry";
        using var admin = await site.ManagementClientAsync();

        using (var created = await admin.PostAsJsonAsync(FormsView.Root + "form", new { folderId = (Guid?)null, form = definition }))
        {
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        }

        var written = await EventuallyAsync(() => Sync.Exists(file) ? XElement.Parse(Sync.Read(file).TrimStart('\uFEFF')) : null, x => x is not null);
        Assert.Equal("forms-form", written!.Name.LocalName);
        Assert.Equal(id.ToString(), written.Attribute("Key")!.Value);
        Assert.Equal("Bursary enquiry", written.Element("Info")!.Element("Name")!.Value);
        Assert.Equal(XElement.Load(Original(Contact)).Element("Pages")!.Value, written.Element("Pages")!.Value); // the same JSON text, as uSync.Forms writes it

        definition["submitLabel"] = "Ask us";
        using (var changed = await admin.PutAsJsonAsync($"{FormsView.Root}form/{id}", new { form = definition }))
        {
            Assert.True(changed.StatusCode == HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        }

        written = await EventuallyAsync(() => XElement.Parse(Sync.Read(file).TrimStart('\uFEFF')), x => x!.Element("Info")!.Element("SubmitLabel")!.Value == "Ask us");
        Assert.Equal("Ask us", written!.Element("Info")!.Element("SubmitLabel")!.Value);

        using (var deleted = await admin.DeleteAsync($"{FormsView.Root}form/{id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        var marker = await EventuallyAsync(() => XElement.Parse(Sync.Read(file).TrimStart('\uFEFF')), x => x!.Name.LocalName == "Empty");
        Assert.Equal("Empty", marker!.Name.LocalName);
        Assert.Equal("Delete", marker.Attribute("Change")!.Value);
        Assert.Equal(id.ToString(), marker.Attribute("Key")!.Value);
    }

    /// <summary>Export on save runs after the save commits; give it a moment to write the file.</summary>
    private static async Task<T?> EventuallyAsync<T>(Func<T?> read, Func<T?, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var value = read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(100);
        }
    }
}
