using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using Mahse.Cms.Members.Auth;
using Mahse.Cms.Schema;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using EditorAliases = Umbraco.Cms.Core.Constants.PropertyEditors.Aliases;

namespace Mahse.Cms.Members.Http;

/// <summary>
/// The registration page: a form built from the member type (the fields members may edit, with their data types'
/// choices), posted with an antiforgery token to the same member service as the registration API.
/// </summary>
public static class RegistrationPage
{
    public const string Path = "/members/register";

    public static IEndpointRouteBuilder MapRegistrationPage(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, async (HttpContext http, IAntiforgery antiforgery, SchemaCache schema, IOptions<MemberOptions> options, CancellationToken ct) =>
            MemberPages.Page(http, "Join the MAHSE R&I network", await FormAsync(http, antiforgery, schema, options.Value, null, null, ct))).ExcludeFromDescription();
        app.MapPost(Path, RegisterAsync).ExcludeFromDescription().DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> RegisterAsync(
        HttpContext http, IAntiforgery antiforgery, SchemaCache schema, MemberService members, IOptions<MemberOptions> options, CancellationToken ct)
    {
        if (await MemberPages.InvalidFormAsync(http, antiforgery) is { } refused)
        {
            return refused;
        }

        var form = http.Request.Form;
        var memberType = (await schema.GetAsync(ct)).FindContentType(options.Value.MemberTypeAlias)!;
        var snapshot = await schema.GetAsync(ct);
        var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var property in Editable(memberType))
        {
            var editor = snapshot.FindDataType(property.DataTypeKey)?.EditorAlias;
            var posted = form[property.Alias];
            values[property.Alias] = editor switch
            {
                EditorAliases.Boolean => posted.Count > 0,
                EditorAliases.DropDownListFlexible or EditorAliases.CheckBoxList => posted.Count == 0 ? null : new JsonArray(posted.Where(v => !string.IsNullOrEmpty(v)).Select(v => (JsonNode?)v).ToArray()),
                _ => string.IsNullOrWhiteSpace(posted) ? null : posted.ToString(),
            };
        }

        var site = options.Value.ApplicationUrl is { Length: > 0 } url ? new Uri(url) : new Uri($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/");
        var problem = await members.RegisterAsync(new MemberRegistration(form["name"], form["email"], form["password"], values), site, ct);
        if (problem is not null)
        {
            return MemberPages.Page(http, "Join the MAHSE R&I network",
                await FormAsync(http, antiforgery, schema, options.Value, problem, form.ToDictionary(f => f.Key, f => f.Value.ToArray()), ct), StatusCodes.Status400BadRequest);
        }

        // The same page whether or not the address already had an account.
        return MemberPages.Page(http, "Check your email",
            "<p>We have sent a message to the address you gave. Follow its link to finish registering; the link works for 24 hours.</p>");
    }

    private static IEnumerable<PropertyTypeDefinition> Editable(ContentTypeDefinition memberType) =>
        memberType.Properties.Where(p => p.MemberCanEdit && !p.Alias.StartsWith("umbraco", StringComparison.Ordinal)).OrderBy(p => p.SortOrder);

    private static async Task<string> FormAsync(
        HttpContext http, IAntiforgery antiforgery, SchemaCache schema, MemberOptions options, MemberProblem? problem,
        IReadOnlyDictionary<string, string?[]>? posted, CancellationToken ct)
    {
        var snapshot = await schema.GetAsync(ct);
        var memberType = snapshot.FindContentType(options.MemberTypeAlias)!;
        var html = new StringBuilder();
        if (problem is not null)
        {
            html.Append("<div role=\"alert\"><p>Please check these fields:</p><ul>");
            foreach (var (field, messages) in problem.Errors)
            {
                html.Append("<li>").Append(Encode(Label(memberType, field))).Append(": ").Append(Encode(string.Join(" ", messages))).Append("</li>");
            }

            html.Append("</ul></div>");
        }

        string Value(string name) => posted is not null && posted.TryGetValue(name, out var v) ? v.FirstOrDefault() ?? "" : "";
        bool Chosen(string name, string option) => posted is not null && posted.TryGetValue(name, out var v) && v.Contains(option);

        html.Append("<form method=\"post\">").Append(MemberPages.Token(http, antiforgery));
        html.Append($"<p><label>Full name <input name=\"name\" required maxlength=\"255\" autocomplete=\"name\" value=\"{Encode(Value("name"))}\"></label></p>");
        html.Append($"<p><label>Email <input type=\"email\" name=\"email\" required autocomplete=\"email\" value=\"{Encode(Value("email"))}\"></label></p>");
        html.Append("<p><label>Password <input type=\"password\" name=\"password\" required minlength=\"10\" autocomplete=\"new-password\"></label></p>");
        foreach (var property in Editable(memberType))
        {
            var dataType = snapshot.FindDataType(property.DataTypeKey);
            var label = Encode(property.Name) + (property.Mandatory ? " *" : "");
            var name = Encode(property.Alias);
            var items = (dataType?.Configuration["items"] as JsonArray ?? []).Select(i => i?.ToString() ?? "").Where(i => i.Length > 0).ToList();
            html.Append("<p>");
            switch (dataType?.EditorAlias)
            {
                case EditorAliases.Boolean:
                    html.Append($"<label><input type=\"checkbox\" name=\"{name}\" value=\"true\"{(Chosen(property.Alias, "true") ? " checked" : "")}> {label}</label>");
                    break;
                case EditorAliases.DropDownListFlexible:
                    var multiple = dataType.Configuration["multiple"]?.GetValue<bool>() == true;
                    html.Append($"<label>{label} <select name=\"{name}\"{(multiple ? " multiple" : "")}{(property.Mandatory ? " required" : "")}><option value=\"\"></option>");
                    foreach (var item in items)
                    {
                        html.Append($"<option{(Chosen(property.Alias, item) ? " selected" : "")}>{Encode(item)}</option>");
                    }

                    html.Append("</select></label>");
                    break;
                case EditorAliases.CheckBoxList:
                    html.Append($"<fieldset><legend>{label}</legend>");
                    foreach (var item in items)
                    {
                        html.Append($"<label><input type=\"checkbox\" name=\"{name}\" value=\"{Encode(item)}\"{(Chosen(property.Alias, item) ? " checked" : "")}> {Encode(item)}</label> ");
                    }

                    html.Append("</fieldset>");
                    break;
                case EditorAliases.TextArea:
                    html.Append($"<label>{label} <textarea name=\"{name}\">{Encode(Value(property.Alias))}</textarea></label>");
                    break;
                default:
                    html.Append($"<label>{label} <input name=\"{name}\" value=\"{Encode(Value(property.Alias))}\"{(property.Mandatory ? " required" : "")}></label>");
                    break;
            }

            html.Append("</p>");
        }

        html.Append($"<p><button type=\"submit\">Register</button></p></form><p>Already registered? <a href=\"{MemberAuthPaths.LoginPage}\">Sign in</a>.</p>");
        return html.ToString();
    }

    private static string Label(ContentTypeDefinition memberType, string field) =>
        field.StartsWith("values.", StringComparison.Ordinal) && memberType.Properties.FirstOrDefault(p => p.Alias == field[7..]) is { } property ? property.Name : field;

    private static string Encode(string? value) => HtmlEncoder.Default.Encode(value ?? "");
}
