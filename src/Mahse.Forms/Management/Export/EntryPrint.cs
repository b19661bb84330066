using System.Net;
using System.Text;
using Mahse.Forms.Model;
using Mahse.Forms.Storage;

namespace Mahse.Forms.Management.Export;

/// <summary>An entry as a printable HTML page: each page and question with its answer, every text HTML-encoded.</summary>
public static class EntryPrint
{
    /// <summary>The page loads nothing and runs nothing; its only style is inline.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";

    public static string Html(EntryView view, EntryRow entry, IReadOnlyList<EntryAuditRow> audit)
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var form = view.Form;
        var values = view.Values(entry);
        var visible = view.Fields.Select(f => f.Id).ToHashSet();
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append($"<title>{E(form.Name)} — {entry.Key:D}</title>")
            .Append("<style>body{font-family:sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}dt{font-weight:bold;margin-top:1rem}dd{margin:0;white-space:pre-wrap}")
            .Append("@media print{body{margin:0}}</style></head><body>")
            .Append($"<h1>{E(form.Name)}</h1>")
            .Append($"<p>Entry {entry.Key:D} · {E(entry.State)} · submitted {EntryView.Utc(entry.CreateDate):d MMMM yyyy HH:mm} UTC</p>");
        foreach (var page in form.Pages.OrderBy(p => p.SortOrder))
        {
            var fields = page.FieldSets.OrderBy(s => s.SortOrder).SelectMany(s => s.Containers).SelectMany(c => c.Fields).Where(f => visible.Contains(f.Id)).ToList();
            if (fields.Count == 0)
            {
                continue;
            }

            html.Append("<section>");
            if (!string.IsNullOrWhiteSpace(page.Caption))
            {
                html.Append($"<h2>{E(page.Caption)}</h2>");
            }

            html.Append("<dl>");
            foreach (var field in fields)
            {
                var answer = values.TryGetValue(field.Alias, out var v) ? v : [];
                html.Append($"<dt>{E(field.Caption)}</dt><dd>{E(string.Join(", ", answer))}</dd>");
            }

            html.Append("</dl></section>");
        }

        html.Append("<section><h2>History</h2><ul>");
        foreach (var line in audit)
        {
            html.Append($"<li>{E(line.State)} · {EntryView.Utc(line.At):d MMMM yyyy HH:mm} UTC{(line.By is { Length: > 0 } by ? " · " + E(by) : "")}</li>");
        }

        html.Append("</ul></section></body></html>");
        return html.ToString();
    }
}
