using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Mahse.Forms.Model;
using Microsoft.AspNetCore.WebUtilities;

namespace Mahse.Forms.Workflows.Types;

/// <summary>
/// Umbraco Forms' "Send form to URL": <c>Url</c>, <c>Method</c> (POST, PUT, GET, DELETE), <c>Fields</c> (only these;
/// else every included field), <c>Username</c>/<c>Password</c> (basic authentication). The entry goes as JSON
/// (<c>{formId, formName, entryId, state, created, fields: {alias: value}}</c>; GET and DELETE put the fields in the
/// query string). Any answer but 2xx, or no answer within the timeout, is a failed attempt and is retried. Every
/// attempt at one outbox row carries the same <c>Idempotency-Key</c> header, so a receiver can drop a repeat.
/// </summary>
public class SendFormToUrlWorkflow(IHttpClientFactory clients) : IFormWorkflowType
{
    public const string HttpClientName = "MahseForms.Workflows";

    public virtual Guid Id => FormWorkflowTypes.SendFormToUrl;

    public virtual string Alias => "sendFormToUrl";

    public async Task RunAsync(WorkflowContext context, CancellationToken ct)
    {
        if (!Uri.TryCreate(context.Setting("Url"), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new WorkflowPermanentException("The workflow's Url is not an absolute http(s) URL.");
        }

        var method = (context.Setting("Method") is { Length: > 0 } m ? m : "POST").ToUpperInvariant();
        if (method is not ("POST" or "PUT" or "GET" or "DELETE"))
        {
            throw new WorkflowPermanentException($"The method {method} is not one of POST, PUT, GET and DELETE.");
        }

        var fields = Fields(context);
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "GET" or "DELETE")
        {
            request.RequestUri = new Uri(QueryHelpers.AddQueryString(url.ToString(), fields.Select(f => KeyValuePair.Create(f.Key, (string?)f.Value))));
        }
        else
        {
            request.Content = Content(context, fields);
        }

        request.Headers.Add("Idempotency-Key", context.RunKey);
        if (context.Setting("Username") is { Length: > 0 } user)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{context.Setting("Password")}")));
        }

        using var response = await clients.CreateClient(HttpClientName).SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            throw new HttpRequestException($"{method} {url.GetLeftPart(UriPartial.Path)} answered {(int)response.StatusCode} {response.ReasonPhrase}: {(body.Length > 300 ? body[..300] : body)}",
                null, response.StatusCode);
        }
    }

    protected virtual HttpContent Content(WorkflowContext context, IReadOnlyDictionary<string, string> fields)
    {
        var payload = new
        {
            formId = context.Form.Id,
            formName = context.Form.Name,
            entryId = context.Entry.Key,
            state = context.Entry.State,
            created = context.Entry.CreateDate,
            fields,
        };
        return new StringContent(JsonSerializer.Serialize(payload), Encoding.UTF8, "application/json");
    }

    /// <summary>
    /// The fields to send, by the name they are sent under. <c>Fields</c> is either Umbraco Forms' mapping
    /// (<c>[{"alias": "sentAs", "value": "fieldIdOrAlias", "staticValue": "…"}]</c>) or a comma-separated list of aliases.
    /// </summary>
    protected static IReadOnlyDictionary<string, string> Fields(WorkflowContext context)
    {
        var setting = context.Setting("Fields").Trim();
        string? ValueOf(string fieldIdOrAlias)
        {
            var field = context.Form.AllFields.FirstOrDefault(f => f.Alias == fieldIdOrAlias || f.Id.ToString().Equals(fieldIdOrAlias, StringComparison.OrdinalIgnoreCase));
            return field is not null && context.Values.TryGetValue(field.Alias, out var v) ? string.Join(",", v) : null;
        }

        if (setting.StartsWith('['))
        {
            var mapped = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var map in JsonDocument.Parse(setting).RootElement.EnumerateArray())
            {
                var alias = map.TryGetProperty("alias", out var a) ? a.GetString() : null;
                if (string.IsNullOrEmpty(alias))
                {
                    continue;
                }

                var value = map.TryGetProperty("value", out var f) && f.GetString() is { Length: > 0 } source ? ValueOf(source) : null;
                value ??= map.TryGetProperty("staticValue", out var s) ? s.GetString() : null;
                if (value is not null)
                {
                    mapped[alias] = value;
                }
            }

            return mapped;
        }

        var only = setting.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return context.Values.Where(v => only.Length == 0 || only.Contains(v.Key)).ToDictionary(v => v.Key, v => string.Join(",", v.Value));
    }
}

/// <summary>
/// Umbraco Forms' "Post as XML": the same settings, the entry as XML
/// (<c>&lt;record id form formName state created&gt;&lt;field alias caption id&gt;&lt;value/&gt;…</c>). An
/// <c>XsltFile</c> transform is not supported here: such a workflow fails with that reason rather than posting
/// something else.
/// </summary>
public sealed class PostAsXmlWorkflow(IHttpClientFactory clients) : SendFormToUrlWorkflow(clients)
{
    public static readonly Guid TypeId = Guid.Parse("470EEB3A-CB15-4b08-9FC0-A2F091583332");

    public override Guid Id => TypeId;

    public override string Alias => "postAsXml";

    protected override HttpContent Content(WorkflowContext context, IReadOnlyDictionary<string, string> fields)
    {
        if (context.Setting("XsltFile") is { Length: > 0 })
        {
            throw new WorkflowPermanentException("XSLT transforms (XsltFile) are not supported by this site's Post as XML workflow.");
        }

        var entry = context.Entry;
        var record = new XElement("record",
            new XAttribute("id", entry.Key), new XAttribute("form", context.Form.Id), new XAttribute("formName", context.Form.Name),
            new XAttribute("state", entry.State), new XAttribute("created", entry.CreateDate.ToString("o")));
        foreach (var (alias, value) in fields)
        {
            var field = context.Form.AllFields.FirstOrDefault(f => f.Alias == alias);
            var element = new XElement("field", new XAttribute("alias", alias));
            if (field is not null)
            {
                element.Add(new XAttribute("caption", field.Caption), new XAttribute("id", field.Id));
            }

            var values = field is not null && context.Values.TryGetValue(alias, out var v) ? v : [value];
            element.Add(values.Select(x => new XElement("value", x)));
            record.Add(element);
        }

        return new StringContent(new XDocument(new XDeclaration("1.0", "utf-8", null), record).ToString(), Encoding.UTF8, "application/xml");
    }
}
