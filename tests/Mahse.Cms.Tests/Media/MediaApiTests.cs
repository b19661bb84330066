using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mahse.Cms.Tests.Infrastructure;
using static Mahse.Cms.Tests.Infrastructure.ManagementApi;

namespace Mahse.Cms.Tests.Media;

/// <summary>Umbraco's two-step upload (temporary file, then media item) with type and size checks.</summary>
public abstract class MediaApiTests(PortalHost host)
{
    // A real 3×2 greyscale PNG, written out here so the test needs no image library.
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAAAAAC4HznGAAAAC0lEQVR4nGNggAAAAAgAAbdYc5UAAAAASUVORK5CYII=");

    private static MultipartFormDataContent Upload(byte[] bytes, string fileName, Guid? id = null)
    {
        var form = new MultipartFormDataContent { { new StringContent((id ?? Guid.NewGuid()).ToString()), "Id" } };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "File", fileName);
        return form;
    }

    [SkippableFact]
    public async Task Uploaded_image_becomes_a_media_item_with_its_file_size_and_dimensions()
    {
        host.SkipIfUnavailable();
        var client = await host.ClientAsync();
        var temp = await CreatedIdAsync(await client.PostAsync($"{Base}/temporary-file", Upload(Png, "Roadmap Diagram.png")));

        var create = await client.PostAsJsonAsync($"{Base}/media", new JsonObject
        {
            ["mediaType"] = new JsonObject { ["id"] = ImageMediaType.ToString() },
            ["variants"] = new JsonArray(new JsonObject { ["name"] = "Roadmap diagram" }),
            ["values"] = new JsonArray(new JsonObject { ["alias"] = "umbracoFile", ["value"] = new JsonObject { ["temporaryFileId"] = temp.ToString() } }),
        });
        var media = await CreatedIdAsync(create);

        var read = await client.GetFromJsonAsync<JsonElement>($"{Base}/media/{media}");
        var values = read.GetProperty("values").EnumerateArray().ToDictionary(v => v.GetProperty("alias").GetString()!, v => v.GetProperty("value"));
        var src = values["umbracoFile"].GetProperty("src").GetString()!;
        Assert.StartsWith("/media/", src);
        Assert.EndsWith("roadmap-diagram.png", src);
        Assert.Equal(3, values["umbracoWidth"].GetInt32());
        Assert.Equal(2, values["umbracoHeight"].GetInt32());
        Assert.Equal(Png.Length, values["umbracoBytes"].GetInt64());
        Assert.Equal("png", values["umbracoExtension"].GetString());

        var served = await host.Anonymous().GetAsync(src);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(Png, await served.Content.ReadAsByteArrayAsync());
        Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());

        // The temporary file is used up.
        var again = await client.PostAsJsonAsync($"{Base}/media", new JsonObject
        {
            ["mediaType"] = new JsonObject { ["id"] = ImageMediaType.ToString() },
            ["variants"] = new JsonArray(new JsonObject { ["name"] = "Again" }),
            ["values"] = new JsonArray(new JsonObject { ["alias"] = "umbracoFile", ["value"] = new JsonObject { ["temporaryFileId"] = temp.ToString() } }),
        });
        await ProblemAsync(again, HttpStatusCode.UnprocessableEntity, "umbracoFile");
    }

    [SkippableFact]
    public async Task Replacing_the_file_keeps_the_item_and_deleting_it_removes_its_files_from_disk()
    {
        host.SkipIfUnavailable();
        var client = await host.ClientAsync();
        JsonArray FileValue(Guid temp) => new(new JsonObject { ["alias"] = "umbracoFile", ["value"] = new JsonObject { ["temporaryFileId"] = temp.ToString() } });
        var first = await CreatedIdAsync(await client.PostAsync($"{Base}/temporary-file", Upload(Png, "v1.png")));
        var media = await CreatedIdAsync(await client.PostAsJsonAsync($"{Base}/media", new JsonObject
        {
            ["mediaType"] = new JsonObject { ["id"] = ImageMediaType.ToString() },
            ["variants"] = new JsonArray(new JsonObject { ["name"] = "Versioned picture" }),
            ["values"] = FileValue(first),
        }));
        string Src(JsonElement read) => read.GetProperty("values").EnumerateArray().Single(v => v.GetProperty("alias").GetString() == "umbracoFile").GetProperty("value").GetProperty("src").GetString()!;
        var firstSrc = Src(await client.GetFromJsonAsync<JsonElement>($"{Base}/media/{media}"));

        var second = await CreatedIdAsync(await client.PostAsync($"{Base}/temporary-file", Upload(Png, "v2.png")));
        await EnsureAsync(await client.PutAsJsonAsync($"{Base}/media/{media}", new JsonObject
        {
            ["variants"] = new JsonArray(new JsonObject { ["name"] = "Versioned picture" }),
            ["values"] = FileValue(second),
        }), HttpStatusCode.OK);
        var secondSrc = Src(await client.GetFromJsonAsync<JsonElement>($"{Base}/media/{media}"));
        Assert.EndsWith("v2.png", secondSrc);

        var mediaRoot = Path.Combine(host.ContentRoot, "media");
        Assert.True(File.Exists(Path.Combine(mediaRoot, firstSrc["/media/".Length..])));
        await EnsureAsync(await client.DeleteAsync($"{Base}/media/{media}"), HttpStatusCode.OK);

        Assert.False(File.Exists(Path.Combine(mediaRoot, firstSrc["/media/".Length..])));
        Assert.False(File.Exists(Path.Combine(mediaRoot, secondSrc["/media/".Length..])));
        Assert.Equal(HttpStatusCode.NotFound, (await host.Anonymous().GetAsync(secondSrc)).StatusCode);
    }

    [SkippableFact]
    public async Task Unused_temporary_files_expire_and_are_cleaned_up()
    {
        host.SkipIfUnavailable();
        var client = await host.ClientAsync();
        var temp = await CreatedIdAsync(await client.PostAsync($"{Base}/temporary-file", Upload(Png, "forgotten.png")));
        var stored = Path.Combine(host.ContentRoot, "umbraco", "Data", "TEMP", "TemporaryFiles", temp.ToString("N"));
        Assert.True(File.Exists(stored));

        host.Clock.Advance(TimeSpan.FromMinutes(61));
        var service = (Mahse.Cms.Media.TemporaryFileService)host.Services.GetService(typeof(Mahse.Cms.Media.TemporaryFileService))!;
        // The background cleaner may get there first (the clock just passed its tick); either way the file goes.
        await service.DeleteExpiredAsync(CancellationToken.None);
        for (var i = 0; i < 100 && File.Exists(stored); i++)
        {
            await Task.Delay(20);
        }

        Assert.False(File.Exists(stored));
        client = await host.ClientAsync();
        var late = await client.PostAsJsonAsync($"{Base}/media", new JsonObject
        {
            ["mediaType"] = new JsonObject { ["id"] = ImageMediaType.ToString() },
            ["variants"] = new JsonArray(new JsonObject { ["name"] = "Too late" }),
            ["values"] = new JsonArray(new JsonObject { ["alias"] = "umbracoFile", ["value"] = new JsonObject { ["temporaryFileId"] = temp.ToString() } }),
        });
        await ProblemAsync(late, HttpStatusCode.UnprocessableEntity, "umbracoFile");
    }

    [SkippableFact]
    public async Task Oversized_upload_is_413_and_nothing_is_kept()
    {
        host.SkipIfUnavailable();
        var client = await host.ClientAsync();
        var big = new byte[65 * 1024 + 1];
        Png.CopyTo(big, 0);
        var id = Guid.NewGuid();

        var response = await client.PostAsync($"{Base}/temporary-file", Upload(big, "huge.png", id));

        await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.False(File.Exists(Path.Combine(host.ContentRoot, "umbraco", "Data", "TEMP", "TemporaryFiles", id.ToString("N"))));
    }

    [SkippableFact]
    public async Task Wrong_type_uploads_are_refused_by_extension_and_by_content()
    {
        host.SkipIfUnavailable();
        var client = await host.ClientAsync();

        var exe = await client.PostAsync($"{Base}/temporary-file", Upload([0x4D, 0x5A, 0x90, 0x00], "tool.exe"));
        Assert.Equal("FileExtensionNotAllowed", (await ProblemAsync(exe, HttpStatusCode.BadRequest, "file")).GetProperty("operationStatus").GetString());

        var disguised = await client.PostAsync($"{Base}/temporary-file", Upload("<script>alert(1)</script>"u8.ToArray(), "photo.png"));
        Assert.Equal("UploadBlocked", (await ProblemAsync(disguised, HttpStatusCode.BadRequest, "file")).GetProperty("operationStatus").GetString());

        var svg = await client.PostAsync($"{Base}/temporary-file", Upload("<svg onload=\"alert(1)\"/>"u8.ToArray(), "logo.svg"));
        await ProblemAsync(svg, HttpStatusCode.BadRequest, "file");
    }

    [SkippableFact]
    public async Task A_pdf_cannot_be_an_image_but_can_be_a_file()
    {
        host.SkipIfUnavailable();
        var client = await host.ClientAsync();
        var pdf = "%PDF-1.4\n%fake but well-signed\n"u8.ToArray();
        JsonObject Body(Guid type, Guid temp) => new()
        {
            ["mediaType"] = new JsonObject { ["id"] = type.ToString() },
            ["variants"] = new JsonArray(new JsonObject { ["name"] = "Guidance" }),
            ["values"] = new JsonArray(new JsonObject { ["alias"] = "umbracoFile", ["value"] = new JsonObject { ["temporaryFileId"] = temp.ToString() } }),
        };

        var temp = await CreatedIdAsync(await client.PostAsync($"{Base}/temporary-file", Upload(pdf, "guidance.pdf")));
        await ProblemAsync(await client.PostAsJsonAsync($"{Base}/media", Body(ImageMediaType, temp)), HttpStatusCode.UnprocessableEntity, "umbracoFile");
        var file = await CreatedIdAsync(await client.PostAsJsonAsync($"{Base}/media", Body(FileMediaType, temp)));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{Base}/media/{file}")).StatusCode);
    }

    [SkippableFact]
    public async Task Media_picker_stores_umbracos_shape_and_refuses_unknown_media()
    {
        host.SkipIfUnavailable();
        var client = await host.ClientAsync();
        var api = new ManagementApi(client);
        var temp = await CreatedIdAsync(await client.PostAsync($"{Base}/temporary-file", Upload(Png, "pic.png")));
        var media = await CreatedIdAsync(await client.PostAsJsonAsync($"{Base}/media", new JsonObject
        {
            ["mediaType"] = new JsonObject { ["id"] = ImageMediaType.ToString() },
            ["variants"] = new JsonArray(new JsonObject { ["name"] = "Pic" }),
            ["values"] = new JsonArray(new JsonObject { ["alias"] = "umbracoFile", ["value"] = new JsonObject { ["temporaryFileId"] = temp.ToString() } }),
        }));
        var type = await api.CreateDocumentTypeAsync(Unique("withImage"), [Property("image", MediaPicker)]);

        var doc = await api.CreateDocumentAsync(type, Unique("doc"), new JsonObject { ["image"] = new JsonArray(new JsonObject { ["mediaKey"] = media.ToString() }) });

        var picked = Value(await api.GetDocumentAsync(doc), "image")!.Value[0];
        Assert.Equal(media, picked.GetProperty("mediaKey").GetGuid());
        Assert.Equal("Image", picked.GetProperty("mediaTypeAlias").GetString());
        Assert.Equal(JsonValueKind.Array, picked.GetProperty("crops").ValueKind);
        var missing = await api.PostDocumentAsync(type, Unique("doc"), new JsonObject { ["image"] = new JsonArray(new JsonObject { ["mediaKey"] = Guid.NewGuid().ToString() }) });
        await ProblemAsync(missing, HttpStatusCode.UnprocessableEntity, "$.values[image]");
    }
}

public sealed class MediaApiTestsOnSqlite(SqlitePortalHost host) : MediaApiTests(host), IClassFixture<SqlitePortalHost>;

[Trait("Database", "PostgreSQL")]
public sealed class MediaApiTestsOnPostgres(PostgresPortalHost host) : MediaApiTests(host), IClassFixture<PostgresPortalHost>;
