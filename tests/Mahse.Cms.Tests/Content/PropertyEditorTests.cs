using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mahse.Cms.Infrastructure;
using Mahse.Cms.Tests.Infrastructure;
using static Mahse.Cms.Tests.Infrastructure.ManagementApi;

namespace Mahse.Cms.Tests.Content;

/// <summary>Each property editor's rules and stored shape, through the Management API (SQLite: editors do not depend on the database).</summary>
public sealed class PropertyEditorTests(SqlitePortalHost host) : IClassFixture<SqlitePortalHost>
{
    private async Task<(ManagementApi Api, Guid Type)> TypeWithAsync(string editorAlias, JsonObject? configuration = null, bool mandatory = false)
    {
        var api = new ManagementApi(await host.ClientAsync());
        var dataType = await api.CreateDataTypeAsync(editorAlias, configuration);
        var type = await api.CreateDocumentTypeAsync(Unique("t"), [Property("value", dataType, mandatory)]);
        return (api, type);
    }

    private static async Task<JsonElement?> StoredAsync(ManagementApi api, Guid type, JsonNode? value)
    {
        var id = await api.CreateDocumentAsync(type, Unique("doc"), new JsonObject { ["value"] = value?.DeepClone() });
        return Value(await api.GetDocumentAsync(id), "value");
    }

    private static async Task RefusedAsync(ManagementApi api, Guid type, JsonNode? value, string? messagePart = null)
    {
        var response = await api.PostDocumentAsync(type, Unique("doc"), new JsonObject { ["value"] = value?.DeepClone() });
        var problem = await ProblemAsync(response, HttpStatusCode.UnprocessableEntity, "$.values[value]");
        if (messagePart is not null)
        {
            Assert.Contains(messagePart, problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task TextBox_enforces_max_chars()
    {
        var (api, type) = await TypeWithAsync("Umbraco.TextBox", new JsonObject { ["maxChars"] = 5 });
        Assert.Equal("hello", (await StoredAsync(api, type, "hello"))!.Value.GetString());
        await RefusedAsync(api, type, "hello!", "maximum is 5");
    }

    [Fact]
    public async Task Integer_and_decimal_check_type_and_range()
    {
        var (api, type) = await TypeWithAsync("Umbraco.Integer", new JsonObject { ["min"] = 1, ["max"] = 10 });
        Assert.Equal(7, (await StoredAsync(api, type, 7))!.Value.GetInt32());
        Assert.Equal(8, (await StoredAsync(api, type, "8"))!.Value.GetInt32());
        await RefusedAsync(api, type, 11, "outside");
        await RefusedAsync(api, type, 2.5, "whole number");

        var (api2, decimalType) = await TypeWithAsync("Umbraco.Decimal");
        Assert.Equal(2.5m, (await StoredAsync(api2, decimalType, 2.5))!.Value.GetDecimal());
        await RefusedAsync(api2, decimalType, "two", "number");
    }

    [Fact]
    public async Task TrueFalse_stores_0_or_1_and_reads_back_a_boolean()
    {
        var (api, type) = await TypeWithAsync("Umbraco.TrueFalse");
        Assert.True((await StoredAsync(api, type, true))!.Value.GetBoolean());
        Assert.False((await StoredAsync(api, type, "0"))!.Value.GetBoolean());
        await RefusedAsync(api, type, "yes");
    }

    [Fact]
    public async Task DateTime_with_date_only_format_drops_the_time()
    {
        var (api, type) = await TypeWithAsync("Umbraco.DateTime", new JsonObject { ["format"] = "YYYY-MM-DD" });
        Assert.Equal("2026-07-15T00:00:00", (await StoredAsync(api, type, "2026-07-15T13:45:00"))!.Value.GetString());
        await RefusedAsync(api, type, "next tuesday", "date");

        var (api2, withTime) = await TypeWithAsync("Umbraco.DateTime", new JsonObject { ["format"] = "YYYY-MM-DD HH:mm:ss" });
        Assert.Equal("2026-07-15T13:45:00", (await StoredAsync(api2, withTime, "2026-07-15T13:45:00"))!.Value.GetString());
    }

    [Fact]
    public async Task Dropdown_checkbox_list_and_radio_list_accept_only_configured_items()
    {
        var items = new JsonArray("Life sciences", "Physical sciences", "Physiological sciences");
        var (api, dropdown) = await TypeWithAsync("Umbraco.DropDown.Flexible", new JsonObject { ["multiple"] = false, ["items"] = items.DeepClone() });
        Assert.Equal(["Life sciences"], (await StoredAsync(api, dropdown, new JsonArray("Life sciences")))!.Value.EnumerateArray().Select(e => e.GetString()!).ToArray());
        await RefusedAsync(api, dropdown, new JsonArray("Astrology"), "Not an allowed value");
        await RefusedAsync(api, dropdown, new JsonArray("Life sciences", "Physical sciences"), "Only one");

        var (api2, checkboxes) = await TypeWithAsync("Umbraco.CheckBoxList", new JsonObject { ["items"] = items.DeepClone() });
        Assert.Equal(2, (await StoredAsync(api2, checkboxes, new JsonArray("Life sciences", "Physical sciences")))!.Value.GetArrayLength());
        await RefusedAsync(api2, checkboxes, new JsonArray("Life sciences", "Alchemy"));

        var (api3, radio) = await TypeWithAsync("Umbraco.RadioButtonList", new JsonObject { ["items"] = items.DeepClone() });
        Assert.Equal("Physical sciences", (await StoredAsync(api3, radio, "Physical sciences"))!.Value.GetString());
        await RefusedAsync(api3, radio, "Alchemy");
    }

    [Fact]
    public async Task Tags_are_trimmed_and_deduplicated()
    {
        var (api, type) = await TypeWithAsync("Umbraco.Tags", new JsonObject { ["group"] = "default", ["storageType"] = "Json" });
        var stored = await StoredAsync(api, type, new JsonArray(" audit ", "Audit", "innovation"));
        Assert.Equal(["audit", "innovation"], stored!.Value.EnumerateArray().Select(e => e.GetString()!).ToArray());
        await RefusedAsync(api, type, 42);
    }

    [Fact]
    public async Task Email_address_must_be_valid()
    {
        var (api, type) = await TypeWithAsync("Umbraco.EmailAddress");
        Assert.Equal("lead@nhs.example", (await StoredAsync(api, type, "lead@nhs.example"))!.Value.GetString());
        await RefusedAsync(api, type, "not an email", "email");
    }

    [Fact]
    public async Task Mandatory_and_regex_apply_to_every_editor()
    {
        var (api, type) = await TypeWithAsync("Umbraco.TextBox", mandatory: true);
        var id = await api.CreateDocumentAsync(type, Unique("doc"));
        await ProblemAsync(await api.Client.PutAsJsonAsync($"{Base}/document/{id}/publish", new JsonObject()), HttpStatusCode.UnprocessableEntity, "$.values[value]");
    }

    [Fact]
    public async Task Content_picker_stores_a_udi_and_refuses_missing_documents()
    {
        var (api, type) = await TypeWithAsync("Umbraco.ContentPicker");
        var target = await api.CreateDocumentAsync(type, Unique("target"));

        var stored = await StoredAsync(api, type, target.ToString());

        Assert.Equal(Udis.Document(target), stored!.Value.GetString());
        Assert.StartsWith("umb://document/", stored.Value.GetString());
        await RefusedAsync(api, type, Guid.NewGuid().ToString(), "does not exist");
        await RefusedAsync(api, type, "umb://media/" + Guid.NewGuid().ToString("N"));
    }

    [Fact]
    public async Task Multinode_tree_picker_checks_min_max_and_allowed_types()
    {
        var api = new ManagementApi(await host.ClientAsync());
        var allowedType = await api.CreateDocumentTypeAsync(Unique("stage"), [Property("title", Textstring)]);
        var otherType = await api.CreateDocumentTypeAsync(Unique("other"), [Property("title", Textstring)]);
        var picker = await api.CreateDataTypeAsync("Umbraco.MultiNodeTreePicker", new JsonObject
        {
            ["minNumber"] = 1,
            ["maxNumber"] = 2,
            ["filter"] = allowedType.ToString(),
            ["startNode"] = new JsonObject { ["type"] = "content" },
        });
        var type = await api.CreateDocumentTypeAsync(Unique("t"), [Property("value", picker)]);
        var s1 = await api.CreateDocumentAsync(allowedType, Unique("s"));
        var s2 = await api.CreateDocumentAsync(allowedType, Unique("s"));
        var s3 = await api.CreateDocumentAsync(allowedType, Unique("s"));
        var wrong = await api.CreateDocumentAsync(otherType, Unique("o"));

        var stored = await StoredAsync(api, type, new JsonArray(Udis.Document(s1), s2.ToString()));
        Assert.Equal($"{Udis.Document(s1)},{Udis.Document(s2)}", stored!.Value.GetString());
        await RefusedAsync(api, type, new JsonArray(s1.ToString(), s2.ToString(), s3.ToString()), "At most 2");
        await RefusedAsync(api, type, new JsonArray(wrong.ToString()), "does not allow");
        await RefusedAsync(api, type, new JsonArray(), "At least 1");
    }

    [Fact]
    public async Task Multi_url_picker_refuses_script_links_and_missing_documents()
    {
        var (api, type) = await TypeWithAsync("Umbraco.MultiUrlPicker", new JsonObject { ["maxNumber"] = 3 });
        var doc = await api.CreateDocumentAsync(type, Unique("linked"));

        var stored = await StoredAsync(api, type, new JsonArray(
            new JsonObject { ["name"] = "Health Education England", ["url"] = "https://www.hee.nhs.uk/", ["type"] = "external" },
            new JsonObject { ["name"] = "Inside", ["type"] = "document", ["unique"] = doc.ToString() }));

        var links = stored!.Value.EnumerateArray().ToList();
        Assert.Equal("external", links[0].GetProperty("type").GetString());
        Assert.Equal("document", links[1].GetProperty("type").GetString());
        Assert.Equal(doc, links[1].GetProperty("unique").GetGuid());
        await RefusedAsync(api, type, new JsonArray(new JsonObject { ["name"] = "x", ["url"] = "javascript:alert(1)" }), "not an allowed link");
        await RefusedAsync(api, type, new JsonArray(new JsonObject { ["name"] = "x", ["type"] = "document", ["unique"] = Guid.NewGuid().ToString() }), "does not exist");
    }

    [Fact]
    public async Task Block_list_validates_element_types_limits_and_nested_values()
    {
        var api = new ManagementApi(await host.ClientAsync());
        var element = await api.CreateDocumentTypeAsync(Unique("resourceBlock"), [Property("heading", Textstring, mandatory: true), Property("count", Numeric)], allowedAtRoot: false, isElement: true);
        var blocks = await api.CreateDataTypeAsync("Umbraco.BlockList", new JsonObject
        {
            ["blocks"] = new JsonArray(new JsonObject { ["contentElementTypeKey"] = element.ToString() }),
            ["validationLimit"] = new JsonObject { ["min"] = 1, ["max"] = 2 },
        });
        var type = await api.CreateDocumentTypeAsync(Unique("t"), [Property("value", blocks)]);

        JsonObject BlockValue(params (Guid Type, JsonObject Values)[] items)
        {
            var contentData = new JsonArray();
            var layout = new JsonArray();
            foreach (var (t, values) in items)
            {
                var key = Guid.NewGuid().ToString();
                contentData.Add(new JsonObject { ["contentTypeKey"] = t.ToString(), ["key"] = key, ["values"] = Values(values) });
                layout.Add(new JsonObject { ["contentKey"] = key });
            }

            return new JsonObject { ["layout"] = new JsonObject { ["Umbraco.BlockList"] = layout }, ["contentData"] = contentData, ["settingsData"] = new JsonArray(), ["expose"] = new JsonArray() };
        }

        var stored = await StoredAsync(api, type, BlockValue((element, new JsonObject { ["heading"] = "Funding", ["count"] = "4" })));
        var content = stored!.Value.GetProperty("contentData")[0];
        Assert.Equal(element, content.GetProperty("contentTypeKey").GetGuid());
        var values = content.GetProperty("values").EnumerateArray().ToDictionary(v => v.GetProperty("alias").GetString()!, v => v.GetProperty("value"));
        Assert.Equal(4, values["count"].GetInt32());
        Assert.Equal("Umbraco.TextBox", content.GetProperty("values")[0].GetProperty("editorAlias").GetString());
        Assert.Single(stored.Value.GetProperty("layout").GetProperty("Umbraco.BlockList").EnumerateArray());

        await RefusedAsync(api, type, BlockValue((element, new JsonObject { ["count"] = 1 })), "heading");
        await RefusedAsync(api, type, BlockValue((element, new JsonObject { ["heading"] = "x", ["count"] = "many" })), "count");
        await RefusedAsync(api, type, BlockValue((type, new JsonObject())), "not allowed");
        await RefusedAsync(api, type, BlockValue((element, new JsonObject { ["heading"] = "1" }), (element, new JsonObject { ["heading"] = "2" }), (element, new JsonObject { ["heading"] = "3" })), "At most 2");
    }
}
