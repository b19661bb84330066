using System.Text.Json.Nodes;
using Mahse.Forms.Model;

namespace Mahse.Forms.Delivery;

/// <summary>
/// The Forms API's FormDto: the definition as a headless client renders it. Messages come pre-resolved (the
/// field's own or the form's, with <c>{0}</c> replaced by the caption), settings camelCase with string values,
/// enums as strings, and a condition only where one is enabled. <c>closesAt</c> is MAHSE's addition (clients ignore
/// unknown properties).
/// </summary>
public sealed class FormDtoBuilder(IFormPageRoutes routes)
{
    /// <summary>The definition (with its prevalue sources applied); <paramref name="magic"/> resolves Umbraco Forms' magic strings where Forms does (labels, captions, messages, settings).</summary>
    public JsonObject Build(FormDefinition form, FormMagicStrings? magic = null)
    {
        magic ??= FormMagicStrings.None;
        var gotoPage = GoToPage(form);
        return new JsonObject
        {
            ["id"] = form.Id,
            ["name"] = form.Name,
            ["indicator"] = magic.Parse(form.Indicator),
            ["cssClass"] = form.CssClass,
            ["nextLabel"] = string.IsNullOrWhiteSpace(form.NextLabel) ? "Next" : magic.Parse(form.NextLabel),
            ["previousLabel"] = string.IsNullOrWhiteSpace(form.PrevLabel) ? "Previous" : magic.Parse(form.PrevLabel),
            ["submitLabel"] = string.IsNullOrWhiteSpace(form.SubmitLabel) ? "Submit" : magic.Parse(form.SubmitLabel),
            ["disableDefaultStylesheet"] = form.DisableDefaultStylesheet,
            ["fieldIndicationType"] = form.FieldIndicationType,
            ["hideFieldValidation"] = form.HideFieldValidation,
            ["messageOnSubmit"] = magic.Parse(form.MessageOnSubmit, html: form.MessageOnSubmitIsHtml),
            ["messageOnSubmitIsHtml"] = form.MessageOnSubmitIsHtml,
            ["showValidationSummary"] = form.ShowValidationSummary,
            ["gotoPageOnSubmit"] = gotoPage?.Key,
            ["gotoPageOnSubmitRoute"] = gotoPage is null ? null : Route(gotoPage),
            ["pages"] = new JsonArray(form.Pages.OrderBy(p => p.SortOrder).Select(p => (JsonNode?)Page(form, p, magic)).ToArray()),
            ["validationRules"] = new JsonArray(),
            ["closesAt"] = form.ClosesAt,
        };
    }

    /// <summary>The 202 body of an accepted entry: the message, or the page to go to.</summary>
    public JsonObject Accepted(FormDefinition form)
    {
        var gotoPage = GoToPage(form);
        return new JsonObject
        {
            ["gotoPageOnSubmit"] = gotoPage?.Key,
            ["gotoPageOnSubmitRoute"] = gotoPage is null ? null : Route(gotoPage),
            ["messageOnSubmit"] = form.MessageOnSubmit,
            ["messageOnSubmitIsHtml"] = form.MessageOnSubmitIsHtml,
        };
    }

    public static string RequiredMessage(FormDefinition form, FormField field) =>
        (string.IsNullOrWhiteSpace(field.RequiredErrorMessage) ? form.RequiredErrorMessage : field.RequiredErrorMessage).Replace("{0}", field.Caption);

    public static string InvalidMessage(FormDefinition form, FormField field) =>
        (string.IsNullOrWhiteSpace(field.InvalidErrorMessage) ? form.InvalidErrorMessage : field.InvalidErrorMessage).Replace("{0}", field.Caption);

    /// <summary>An unpublished or deleted page is no redirect: the message is shown instead.</summary>
    private FormPageRoute? GoToPage(FormDefinition form) => form.GoToPageOnSubmit is { } key && key != Guid.Empty ? routes.Route(key) : null;

    private static JsonObject Route(FormPageRoute route) => new()
    {
        ["path"] = route.Path,
        ["startItem"] = new JsonObject { ["id"] = route.StartItemKey, ["path"] = route.StartItemPath },
    };

    private static JsonObject Page(FormDefinition form, FormPage page, FormMagicStrings magic) => new()
    {
        ["caption"] = magic.Parse(page.Caption),
        ["condition"] = Condition(page.ButtonCondition),
        ["fieldsets"] = new JsonArray(page.FieldSets.OrderBy(s => s.SortOrder).Select(s => (JsonNode?)new JsonObject
        {
            ["id"] = s.Id,
            ["caption"] = magic.Parse(s.Caption),
            ["condition"] = Condition(s.Condition),
            ["columns"] = new JsonArray(s.Containers.Select(c => (JsonNode?)new JsonObject
            {
                ["caption"] = magic.Parse(c.Caption),
                ["width"] = c.Width,
                ["fields"] = new JsonArray(c.Fields.Select(f => (JsonNode?)Field(form, f, magic)).ToArray()),
            }).ToArray()),
        }).ToArray()),
    };

    private static JsonObject Field(FormDefinition form, FormField field, FormMagicStrings magic)
    {
        var type = FormFieldTypes.Find(field.FieldTypeId);
        var settings = new JsonObject();
        foreach (var (name, value) in field.Settings)
        {
            // The rich text field's "Html" setting is markup, so what goes into it is encoded.
            settings[name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..]] = magic.Parse(value, html: name.Equals("Html", StringComparison.OrdinalIgnoreCase));
        }

        var json = new JsonObject
        {
            ["id"] = field.Id,
            ["alias"] = field.Alias,
            ["caption"] = magic.Parse(field.Caption),
            ["helpText"] = magic.Parse(field.Tooltip),
            ["placeholder"] = magic.Parse(field.Placeholder ?? field.Setting("Placeholder")),
            ["cssClass"] = field.CssClass,
            ["required"] = field.Mandatory,
            ["requiredErrorMessage"] = magic.Parse(RequiredMessage(form, field)),
            ["pattern"] = field.Regex,
            ["patternInvalidErrorMessage"] = magic.Parse(InvalidMessage(form, field)),
            ["condition"] = Condition(field.Condition),
            ["preValues"] = new JsonArray(field.PreValues.Select(p => (JsonNode?)new JsonObject { ["value"] = p.Value, ["caption"] = p.Caption ?? p.Value }).ToArray()),
            ["settings"] = settings,
            ["type"] = new JsonObject
            {
                ["id"] = field.FieldTypeId,
                ["name"] = type?.Name ?? "Unknown",
                ["supportsPreValues"] = type?.SupportsPreValues ?? false,
                ["supportsUploadTypes"] = type?.SupportsUploadTypes ?? false,
                ["renderInputType"] = type?.RenderInputType ?? "Single",
            },
        };
        if (type?.SupportsUploadTypes == true)
        {
            var allowed = field.AllowedUploadTypes ?? [];
            json.Insert(json.IndexOf("preValues"), "fileUploadOptions", new JsonObject
            {
                ["allowAllUploadExtensions"] = allowed.Count == 0,
                ["allowedUploadExtensions"] = new JsonArray(allowed.Select(a => (JsonNode?)a).ToArray()),
                ["allowMultipleFileUploads"] = field.AllowMultipleFileUploads,
            });
        }

        return json;
    }

    private static JsonObject? Condition(FormCondition? condition) => condition is not { Enabled: true } ? null : new JsonObject
    {
        ["actionType"] = condition.ActionType,
        ["logicType"] = condition.LogicType,
        ["rules"] = new JsonArray(condition.Rules.Select(r => (JsonNode?)new JsonObject { ["field"] = r.Field, ["operator"] = r.Operator, ["value"] = r.Value }).ToArray()),
    };
}
