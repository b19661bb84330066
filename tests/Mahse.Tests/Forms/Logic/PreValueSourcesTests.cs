using System.Xml.Linq;
using Mahse.Forms;
using Mahse.Forms.Entries;
using Mahse.Forms.Model;
using Microsoft.Extensions.Options;

namespace Mahse.Tests.Forms.Logic;

/// <summary>Fields that name a prevalue source get its choices, for the definition and for validation alike.</summary>
public sealed class PreValueSourcesTests
{
    private static readonly Guid TestSource = Guid.Parse("93b8dfeb-8123-4fcd-bd21-ca0948ca4ba1");

    /// <summary>The text file source from uSync.Forms' own test site, kept as its file holds it.</summary>
    private sealed class Store : IPreValueSourceStore
    {
        public int Reads { get; private set; }

        public Task<IReadOnlyList<FormPreValue>?> GetPreValuesAsync(Guid sourceKey, CancellationToken ct)
        {
            Reads++;
            var config = XDocument.Parse(TestForms.Fixture("usync-forms/prevalue-test.config"));
            return Task.FromResult(sourceKey == TestSource ? PreValueTextFile.Parse(config.Descendants("FileContent").Single().Value) : null);
        }

        public Task<Guid?> FindKeyByNameAsync(string name, CancellationToken ct) =>
            Task.FromResult<Guid?>(string.Equals(name, "test", StringComparison.OrdinalIgnoreCase) ? TestSource : null);
    }

    private static FormDefinition FormWithPick(string source)
    {
        var form = TestForms.Application();
        var pick = TestForms.Field("pick", FormFieldTypes.Dropdown, false, "inline");
        pick.PrevalueSourceId = source;
        form.Pages[0].FieldSets[0].Containers[0].Fields.Add(pick);
        return form;
    }

    [Theory]
    [InlineData("93b8dfeb-8123-4fcd-bd21-ca0948ca4ba1")]
    [InlineData("Test")] // by name, as uSync.Forms writes it
    public async Task A_source_by_key_or_by_name_supplies_the_choices_in_order_and_leaves_the_stored_form_alone(string source)
    {
        var form = FormWithPick(source);

        var applied = await new PreValueSources(new Store()).ApplyAsync(form, CancellationToken.None);

        var pick = TestForms.FieldOf(applied, "pick");
        Assert.Equal(["test", "tes2", "test3"], pick.PreValues.Select(p => p.Value));
        Assert.Equal(["test", "tes2", "test3"], pick.PreValues.Select(p => p.Caption)); // blank captions show the value
        Assert.Equal(["inline"], TestForms.FieldOf(form, "pick").PreValues.Select(p => p.Value));
        Assert.NotSame(form, applied);
    }

    [Fact]
    public async Task A_missing_source_keeps_the_inline_choices_and_a_form_without_sources_is_not_copied()
    {
        var store = new Store();
        var missing = await new PreValueSources(store).ApplyAsync(FormWithPick("no such source"), CancellationToken.None);
        Assert.Equal(["inline"], TestForms.FieldOf(missing, "pick").PreValues.Select(p => p.Value));

        var plain = FormWithPick(Guid.Empty.ToString());
        Assert.Same(plain, await new PreValueSources(store).ApplyAsync(plain, CancellationToken.None));
        Assert.Equal(0, store.Reads);
    }

    [Fact]
    public async Task Validation_limits_posted_values_to_the_sources_choices()
    {
        var form = await new PreValueSources(new Store()).ApplyAsync(FormWithPick("test"), CancellationToken.None);
        var validator = new EntryValidator(Options.Create(new FormUploadOptions()));
        var body = TestForms.ValidBody();

        body["values"]!["pick"] = "nope";
        Assert.Equal(["Unexpected value: 'nope'. Expected one of these: 'test', 'tes2', 'test3'"], validator.Validate(form, TestForms.Entry(body)).Errors["pick"]);

        body["values"]!["pick"] = "tes2";
        Assert.True(validator.Validate(form, TestForms.Entry(body)).IsValid);
    }

    [Fact]
    public void Text_file_items_are_ordered_by_sort_order_and_keep_their_captions()
    {
        var items = PreValueTextFile.Parse("""[{"value":"b","caption":"Bee","sortOrder":"2"},{"value":"a","caption":"","sortOrder":1},{"value":"c"}]""");

        Assert.Equal([("c", "c"), ("a", "a"), ("b", "Bee")], items.Select(i => (i.Value, i.Caption)));
        Assert.Empty(PreValueTextFile.Parse(null));
    }
}
