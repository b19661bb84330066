using System.Text.Json.Nodes;
using Mahse.Forms.Model;

namespace Mahse.Bench.Forms;

/// <summary>
/// The forms the forms bench submits to: the contract's example entry (name, email, comment, country, favourite
/// colours, data consent) on a one-page form, once with one "Send form to URL" workflow on the Submitted stage and once
/// with none. Ids are fixed so that a run's database can be read afterwards without looking them up.
/// </summary>
public static class BenchForms
{
    public static readonly Guid WithWorkflow = Guid.Parse("7b3e1f52-6a1c-4a57-9d0e-5f0c2b1a9e01");
    public static readonly Guid WithoutWorkflow = Guid.Parse("7b3e1f52-6a1c-4a57-9d0e-5f0c2b1a9e02");

    /// <summary>No form has this id: the same route answers 404 after routing, the API key check and a form lookup.</summary>
    public static readonly Guid Unknown = Guid.Parse("7b3e1f52-6a1c-4a57-9d0e-5f0c2b1a9eff");

    public const string EntriesPath = "/umbraco/forms/delivery/api/v1/entries/";
    public const string DefinitionsPath = "/umbraco/forms/delivery/api/v1/definitions/";

    public static FormDefinition Create(Guid id, string name, Uri? workflowUrl)
    {
        var form = new FormDefinition
        {
            Id = id,
            Name = name,
            MessageOnSubmit = "Thanks for your entry",
            Pages =
            [
                new FormPage
                {
                    Id = Derived(id, 1),
                    FieldSets =
                    [
                        new FormFieldSet
                        {
                            Id = Derived(id, 2),
                            Containers =
                            [
                                new FormContainer
                                {
                                    Fields =
                                    [
                                        Field(id, 10, "name", "Name", FormFieldTypes.ShortAnswer, mandatory: true),
                                        Field(id, 11, "email", "Email", FormFieldTypes.ShortAnswer, mandatory: true, regex: @"^[^@\s]+@[^@\s]+$"),
                                        Field(id, 12, "comment", "Comment", FormFieldTypes.LongAnswer),
                                        Field(id, 13, "country", "Country", FormFieldTypes.Dropdown, preValues: ["gb", "it", "fr"]),
                                        Field(id, 14, "favouriteColours", "Favourite colours", FormFieldTypes.MultipleChoice, preValues: ["red", "green", "blue"]),
                                        Field(id, 15, "dataConsent", "Consent", FormFieldTypes.DataConsent, mandatory: true),
                                    ],
                                },
                            ],
                        },
                    ],
                },
            ],
        };
        if (workflowUrl is not null)
        {
            form.Workflows.Add(new FormWorkflow
            {
                Id = Derived(id, 100),
                Name = "Post to the bench's receiver",
                WorkflowTypeId = FormWorkflowTypes.SendFormToUrl,
                ExecutesOn = "Submitted",
                Settings = new Dictionary<string, string> { ["Url"] = workflowUrl.ToString(), ["Method"] = "POST" },
            });
        }

        return form;
    }

    /// <summary>
    /// The contract's example body (fixtures/forms/entry-submit.request.example.json) without its contentId and culture,
    /// which name a page and a language this site does not have; <paramref name="marker"/> is the name, so an entry can
    /// be found again by the request that made it.
    /// </summary>
    public static string Body(string marker) => new JsonObject
    {
        ["values"] = new JsonObject
        {
            ["name"] = marker,
            ["email"] = "fred@test.com",
            ["comment"] = "Test",
            ["country"] = "it",
            ["favouriteColours"] = new JsonArray("red", "green"),
            ["dataConsent"] = "on",
        },
        ["additionalData"] = new JsonObject { ["foo"] = "bar", ["baz"] = "buzz" },
    }.ToJsonString();

    private static FormField Field(Guid form, int n, string alias, string caption, FormFieldType type, bool mandatory = false, string? regex = null, string[]? preValues = null) => new()
    {
        Id = Derived(form, n),
        Alias = alias,
        Caption = caption,
        FieldTypeId = type.Id,
        Mandatory = mandatory,
        Regex = regex,
        PreValues = (preValues ?? []).Select(v => new FormPreValue { Value = v, Caption = v }).ToList(),
    };

    private static Guid Derived(Guid form, int n)
    {
        var bytes = form.ToByteArray();
        bytes[0] ^= (byte)n;
        bytes[1] ^= (byte)(n >> 8);
        return new Guid(bytes);
    }
}
