using System.Text.Json;
using Mahse.Forms.Entries;

namespace Mahse.Tests.Forms.Logic;

/// <summary>The POST body as the Forms API reads it: strings and string arrays kept, files apart, other tokens dropped, bad shapes refused.</summary>
public sealed class PostedEntryTests
{
    [Fact]
    public void The_docs_example_is_read_with_its_arrays_additional_data_and_page()
    {
        Assert.True(PostedEntry.TryParse(TestForms.Fixture("entry-submit.request.example.json"), out var entry, out _));

        Assert.Equal(["Fred"], entry.Values["name"]);
        Assert.Equal(["red", "green"], entry.Values["favouriteColours"]);
        Assert.Equal(["on"], entry.Values["dataConsent"]);
        Assert.Equal("ca4249ed-2b23-4337-b522-63cabe5587d1", entry.ContentId);
        Assert.Equal("en-US", entry.Culture);
        Assert.Equal(new Dictionary<string, string> { ["foo"] = "bar", ["baz"] = "buzz" }, entry.AdditionalData);
        Assert.Empty(entry.Files);
    }

    [Fact]
    public void File_objects_go_to_files_and_non_field_values_are_kept()
    {
        Assert.True(PostedEntry.TryParse(TestForms.Fixture("constructed.entry-submit.fellowship.request.json"), out var entry, out _));

        var cv = Assert.Single(entry.Files["cv"]);
        Assert.Equal(("cv.pdf", "data:application/pdf;base64,JVBERi0xLjQK"), (cv.FileName, cv.FileContents));
        Assert.Empty(entry.Values["cv"]);
        Assert.Equal(["<token>"], entry.Values["g-recaptcha-response"]);
    }

    [Fact]
    public void Numbers_booleans_and_nulls_are_dropped_silently_and_keys_are_case_sensitive()
    {
        const string body = """
            {"values": {"age": 42, "consent": true, "nothing": null, "Name": "A", "name": "B", "mixed": ["x", 1, false, null, {"other": 1}, "y"]},
             "contentId": 1207, "culture": null, "additionalData": {"kept": "yes", "dropped": 3}}
            """;

        Assert.True(PostedEntry.TryParse(body, out var entry, out _));

        Assert.Equal(["Name", "mixed", "name"], entry.Values.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["A"], entry.Values["Name"]);
        Assert.Equal(["B"], entry.Values["name"]);
        Assert.Equal(["x", "y"], entry.Values["mixed"]);
        Assert.Equal("1207", entry.ContentId); // an integer page id, kept as text
        Assert.Null(entry.Culture);
        Assert.Equal(["kept"], entry.AdditionalData.Keys);
    }

    [Fact]
    public void A_body_without_values_is_an_empty_entry()
    {
        Assert.True(PostedEntry.TryParse("""{"values": null, "culture": "en-GB"}""", out var entry, out _));
        Assert.Empty(entry.Values);
        Assert.Equal("en-GB", entry.Culture);
    }

    [Theory]
    [InlineData("""{"values": {"name": "A", """, "not valid JSON")]
    [InlineData("""[1, 2]""", "must be a JSON object")]
    [InlineData("""{"values": "name=A"}""", "'values' must be an object")]
    [InlineData("""{"values": ["name"]}""", "'values' must be an object")]
    public void Malformed_bodies_are_refused_with_a_problem(string body, string problem)
    {
        Assert.False(PostedEntry.TryParse(body, out var entry, out var message));

        Assert.Null(entry);
        Assert.Contains(problem, message);
    }

    [Fact]
    public void A_parsed_element_is_read_the_same_way()
    {
        using var document = JsonDocument.Parse("""{"values": {"name": ["Ada", "Lovelace"]}}""");

        Assert.True(PostedEntry.TryParse(document.RootElement, out var entry, out _));
        Assert.Equal(["Ada", "Lovelace"], entry.Values["name"]);
        Assert.False(PostedEntry.TryParse(document.RootElement.GetProperty("values").GetProperty("name"), out _, out _));
    }
}
