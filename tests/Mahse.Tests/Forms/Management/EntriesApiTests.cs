using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Mahse.Forms.Model;

namespace Mahse.Tests.Forms.Management;

/// <summary>
/// Entries over the forms Management API: list and filters, one entry with its audit and workflow runs, approve and
/// reject, delete, CSV/XLSX export with formulas neutralised, print and uploaded files. Entries are written into the
/// site's database as the entry store writes them (the delivery API that posts them is not on this branch).
/// </summary>
[Collection(FormsManagementCollection.Name)]
public sealed class EntriesApiTests(FormsManagementSite site)
{
    private const string Api = FormsManagementSite.Api;

    private async Task<FormDefinition> FormAsync(string name, bool manualApproval = true)
    {
        var form = ManagementForms.Application(name + " " + Guid.NewGuid().ToString("N")[..6], manualApproval);
        await site.CreateFormAsync(form);
        return form;
    }

    private static Dictionary<string, string[]> Values(string name, string statement = "I like science", string? note = null, string? cv = null)
    {
        var values = new Dictionary<string, string[]> { ["name"] = [name], ["email"] = [name.ToLowerInvariant().Replace(' ', '.') + "@nhs.test"], ["statement"] = [statement] };
        if (note is not null)
        {
            values["healthNote"] = [note];
        }

        if (cv is not null)
        {
            values["cv"] = [cv];
        }

        return values;
    }

    [Fact]
    public async Task Entries_are_listed_newest_first_with_filters_and_paging()
    {
        var admin = await site.ClientAsync();
        var form = await FormAsync("Listed");
        var start = new DateTime(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);
        var keys = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            keys.Add(await SiteEntries.AddAsync(site, form, Values($"Applicant {i}", i == 3 ? "loves zebrafish" : "likes mice"), start.AddDays(i)));
        }

        var all = await admin.GetFromJsonAsync<JsonElement>($"{Api}form/{form.Id}/entry");
        Assert.Equal(5, all.GetProperty("total").GetInt32());
        Assert.Equal(Enumerable.Reverse(keys), all.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        var first = all.GetProperty("items")[0];
        Assert.Equal("Submitted", first.GetProperty("state").GetString());
        Assert.Equal("Applicant 4", first.GetProperty("values").GetProperty("name")[0].GetString());
        Assert.Equal(start.AddDays(4), first.GetProperty("created").GetDateTime().ToUniversalTime());
        Assert.Contains(all.GetProperty("fields").EnumerateArray(), f => f.GetProperty("alias").GetString() == "statement" && f.GetProperty("caption").GetString() == "Personal statement" && f.GetProperty("type").GetString() == "longAnswer");

        var page = await admin.GetFromJsonAsync<JsonElement>($"{Api}form/{form.Id}/entry?skip=1&take=2");
        Assert.Equal(5, page.GetProperty("total").GetInt32());
        Assert.Equal([keys[3], keys[2]], page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));

        var dated = await admin.GetFromJsonAsync<JsonElement>($"{Api}form/{form.Id}/entry?from=2026-03-02T09:00:00Z&to=2026-03-04T09:00:00Z");
        Assert.Equal([keys[2], keys[1]], dated.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));

        var text = await admin.GetFromJsonAsync<JsonElement>($"{Api}form/{form.Id}/entry?q=zebrafish");
        Assert.Equal([keys[3]], text.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));

        using var approved = await admin.PostAsync($"{Api}entry/{keys[0]}/approve", null);
        var byState = await admin.GetFromJsonAsync<JsonElement>($"{Api}form/{form.Id}/entry?state=approved");
        Assert.Equal([keys[0]], byState.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));

        foreach (var bad in new[] { "state=Deleted", "skip=-1", "take=100000", "from=2026-03-04&to=2026-03-01", "from=yesterday" })
        {
            using var response = await admin.GetAsync($"{Api}form/{form.Id}/entry?{bad}");
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{bad}: {(int)response.StatusCode}");
        }

        using var unknownForm = await admin.GetAsync($"{Api}form/{Guid.NewGuid()}/entry");
        Assert.Equal(HttpStatusCode.NotFound, unknownForm.StatusCode);
    }

    [Fact]
    public async Task Approving_and_rejecting_record_who_and_queue_the_stage_workflows()
    {
        var reviewer = await site.ClientAsync("Reviewers");
        var form = await FormAsync("Reviewed");
        var first = await SiteEntries.AddAsync(site, form, Values("Grace Hopper"));
        var second = await SiteEntries.AddAsync(site, form, Values("Alan Turing"));

        using var approve = await reviewer.PostAsync($"{Api}entry/{first}/approve", null);
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        var approved = await approve.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Approved", approved.GetProperty("state").GetString());
        Assert.Equal(["Submitted", "Approved"], approved.GetProperty("audit").EnumerateArray().Select(a => a.GetProperty("state").GetString()));
        Assert.Contains("reviewers", approved.GetProperty("audit")[1].GetProperty("by").GetString(), StringComparison.OrdinalIgnoreCase);
        var run = approved.GetProperty("workflows").EnumerateArray().Single();
        Assert.Equal(("Tell the applicant", "Approved"), (run.GetProperty("name").GetString(), run.GetProperty("stage").GetString()));

        using var again = await reviewer.PostAsync($"{Api}entry/{first}/approve", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.StartsWith("application/problem+json", again.Content.Headers.ContentType?.ToString());

        using var reject = await reviewer.PostAsync($"{Api}entry/{second}/reject", null);
        Assert.Equal(HttpStatusCode.OK, reject.StatusCode);
        var detail = await reviewer.GetFromJsonAsync<JsonElement>($"{Api}entry/{second}");
        Assert.Equal("Rejected", detail.GetProperty("state").GetString());
        Assert.Equal("Tell the applicant no", detail.GetProperty("workflows").EnumerateArray().Single().GetProperty("name").GetString());

        // A rejected entry can still be approved later (and the other way round), as in Umbraco Forms.
        using var changeOfMind = await reviewer.PostAsync($"{Api}entry/{second}/approve", null);
        Assert.Equal(HttpStatusCode.OK, changeOfMind.StatusCode);
        using var missing = await reviewer.PostAsync($"{Api}entry/{Guid.NewGuid()}/approve", null);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task An_entry_without_manual_approval_was_approved_automatically()
    {
        var admin = await site.ClientAsync();
        var form = await FormAsync("Automatic", manualApproval: false);
        var key = await SiteEntries.AddAsync(site, form, Values("Rosalind Franklin"));

        var detail = await admin.GetFromJsonAsync<JsonElement>($"{Api}entry/{key}");

        Assert.Equal("Approved", detail.GetProperty("state").GetString());
        Assert.Equal(["Submitted", "Approved"], detail.GetProperty("audit").EnumerateArray().Select(a => a.GetProperty("state").GetString()));
        Assert.Equal("automatic", detail.GetProperty("audit")[1].GetProperty("by").GetString());
        using var approveAgain = await admin.PostAsync($"{Api}entry/{key}/approve", null);
        Assert.Equal(HttpStatusCode.Conflict, approveAgain.StatusCode);
    }

    [Fact]
    public async Task Sensitive_fields_show_to_administrators_but_not_to_reviewers()
    {
        var form = await FormAsync("Sensitive");
        var key = await SiteEntries.AddAsync(site, form, Values("Marie Curie", note: "asthma"));

        var asAdmin = await (await site.ClientAsync()).GetFromJsonAsync<JsonElement>($"{Api}entry/{key}");
        var asReviewer = await (await site.ClientAsync("Reviewers")).GetFromJsonAsync<JsonElement>($"{Api}entry/{key}");
        var printed = await (await site.ClientAsync("Reviewers")).GetStringAsync($"{Api}entry/{key}/print");

        Assert.Equal("asthma", asAdmin.GetProperty("values").GetProperty("healthNote")[0].GetString());
        Assert.False(asReviewer.GetProperty("values").TryGetProperty("healthNote", out _));
        Assert.DoesNotContain(asReviewer.GetProperty("fields").EnumerateArray(), f => f.GetProperty("alias").GetString() == "healthNote");
        Assert.DoesNotContain("asthma", printed);
    }

    [Fact]
    public async Task The_csv_export_neutralises_formulas_and_keeps_every_value()
    {
        var admin = await site.ClientAsync();
        var form = await FormAsync("Exported");
        var dangerous = new[] { "=HYPERLINK(\"http://evil.test\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\tTabbed", "\rReturn" };
        var keys = new List<Guid>();
        foreach (var (value, i) in dangerous.Select((v, i) => (v, i)))
        {
            keys.Add(await SiteEntries.AddAsync(site, form, Values($"Person {i}", value), new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(i)));
        }

        using var response = await admin.GetAsync($"{Api}form/{form.Id}/entry/export?format=csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(".csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var rows = Csv.Parse(Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF'));
        var header = rows[0];
        Assert.Equal(["Id", "State", "Submitted"], header.Take(3));
        var statementColumn = Array.IndexOf(header, "Personal statement");
        Assert.True(statementColumn > 0, string.Join(",", header));
        Assert.Contains("Health note", header); // an administrator sees sensitive fields
        Assert.Equal(keys.Select(k => k.ToString("D")), rows.Skip(1).Select(r => r[0]));
        Assert.Equal(dangerous.Select(v => "'" + v), rows.Skip(1).Select(r => r[statementColumn]));
        Assert.All(rows.Skip(1).SelectMany(r => r), cell => Assert.False(cell.Length > 0 && "=+-@\t\r".Contains(cell[0]), cell));

        using var filtered = await admin.GetAsync($"{Api}form/{form.Id}/entry/export?format=csv&q=SUM");
        Assert.Equal(2, Csv.Parse(await filtered.Content.ReadAsStringAsync()).Count);

        using var xlsx = await admin.GetAsync($"{Api}form/{form.Id}/entry/export?format=xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        var bytes = await xlsx.Content.ReadAsByteArrayAsync();
        Assert.Equal("PK"u8.ToArray(), bytes.Take(2));
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes));
        var sheetText = string.Concat(zip.Entries.Where(e => e.FullName.StartsWith("xl/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal))
            .Select(e => new StreamReader(e.Open()).ReadToEnd()));
        Assert.Contains("'=HYPERLINK", System.Net.WebUtility.HtmlDecode(sheetText));
        Assert.DoesNotContain("<f>", sheetText);

        using var unknown = await admin.GetAsync($"{Api}form/{form.Id}/entry/export?format=pdf");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public async Task Print_is_encoded_html_that_runs_nothing()
    {
        var admin = await site.ClientAsync();
        var form = await FormAsync("Printed <b>bold</b>");
        var key = await SiteEntries.AddAsync(site, form, Values("Eve <script>alert(1)</script>", "<img src=x onerror=alert(2)>"));

        using var response = await admin.GetAsync($"{Api}entry/{key}/print");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Eve &lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("&lt;img src=x onerror=alert(2)&gt;", html);
        Assert.Contains("Printed &lt;b&gt;bold&lt;/b&gt;", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("Personal statement", html);
    }

    [Fact]
    public async Task Files_are_served_by_field_and_name_and_nothing_outside_the_uploads_folder()
    {
        var admin = await site.ClientAsync();
        var form = await FormAsync("Uploads");
        var stored = $"umbraco/Data/forms/uploads/{form.Id:N}/{Guid.NewGuid():N}/{Guid.NewGuid():N}/cv.pdf";
        var path = Path.Combine(site.ContentRoot, stored);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, "%PDF-1.4 test"u8.ToArray());
        var key = await SiteEntries.AddAsync(site, form, Values("Dorothy Hodgkin", cv: stored));
        // A value pointing out of the uploads folder (as hand-edited or hostile data would): never served.
        var escaping = await SiteEntries.AddAsync(site, form, Values("Mallory", cv: "umbraco/Data/forms/../../../appsettings.json"));

        var detail = await admin.GetFromJsonAsync<JsonElement>($"{Api}entry/{key}");
        var file = detail.GetProperty("files").EnumerateArray().Single();
        Assert.Equal(("cv", "cv.pdf"), (file.GetProperty("fieldAlias").GetString(), file.GetProperty("name").GetString()));
        Assert.Equal("cv.pdf", detail.GetProperty("values").GetProperty("cv")[0].GetString());

        using var download = await admin.GetAsync(file.GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("%PDF-1.4 test", await download.Content.ReadAsStringAsync());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);

        foreach (var query in new[] { $"entry/{key}/file?field=cv&name=../../../appsettings.json", $"entry/{key}/file?field=cv&name=appsettings.json",
                     $"entry/{key}/file?field=name&name=cv.pdf", $"entry/{escaping}/file?field=cv&name=appsettings.json", $"entry/{key}/file?field=cv&name=CV.PDF" })
        {
            using var response = await admin.GetAsync(Api + query);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{query}: {(int)response.StatusCode}");
        }

        using var deleted = await admin.DeleteAsync($"{Api}entry/{key}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.False(File.Exists(path), "the upload goes with its entry");
        Assert.True(File.Exists(Path.Combine(site.ContentRoot, "appsettings.json")));
        Assert.Equal(0, await SiteEntries.CountAsync(site, "mahseFormsEntry", key));
        Assert.Equal(0, await SiteEntries.CountAsync(site, "mahseFormsEntryAudit", key));
        using var gone = await admin.GetAsync($"{Api}entry/{key}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        using var deletedAgain = await admin.DeleteAsync($"{Api}entry/{key}");
        Assert.Equal(HttpStatusCode.NotFound, deletedAgain.StatusCode);
    }
}

/// <summary>An RFC 4180 reader for checking exports (quoted fields, doubled quotes, CR and LF inside quotes).</summary>
internal static class Csv
{
    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                row.Add(cell.ToString());
                cell.Clear();
                rows.Add([.. row]);
                row.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        if (cell.Length > 0 || row.Count > 0)
        {
            row.Add(cell.ToString());
            rows.Add([.. row]);
        }

        return rows;
    }
}
