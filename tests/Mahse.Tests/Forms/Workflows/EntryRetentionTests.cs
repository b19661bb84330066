using Mahse.Forms.Model;
using static Mahse.Tests.Forms.Workflows.WorkflowsSite;

namespace Mahse.Tests.Forms.Workflows;

/// <summary>The retention job on the real site: entries past their form's days for their state go, with their files.</summary>
public sealed class EntryRetentionTests(WorkflowsSite site) : IClassFixture<WorkflowsSite>
{
    [Fact]
    public async Task Entries_older_than_their_forms_retention_are_deleted_with_their_uploads_and_the_rest_are_kept()
    {
        var upload = Field("cv", type: FormFieldTypes.FileUpload);
        var kept = Form("Keeps everything", [Field("name")]);
        var limited = Form("Keeps submitted entries a day", [Field("name"), upload]);
        limited.ManualApproval = true;
        limited.DaysToRetainSubmittedRecordsFor = 1;
        limited.DaysToRetainApprovedRecordsFor = 0;
        await site.Database.SaveFormAsync(kept);
        await site.Database.SaveFormAsync(limited);

        var oldEntry = Guid.NewGuid();
        var (relative, file, folder) = UploadPath(limited, oldEntry);
        await WriteUploadAsync(file);
        oldEntry = await site.Database.AddEntryAsync(limited, new Dictionary<string, string[]> { ["name"] = ["Old"], ["cv"] = [relative] }, age: TimeSpan.FromDays(3), key: oldEntry);
        var fresh = await site.Database.AddEntryAsync(limited, new Dictionary<string, string[]> { ["name"] = ["Fresh"] }, age: TimeSpan.FromHours(2));
        var oldButKept = await site.Database.AddEntryAsync(kept, new Dictionary<string, string[]> { ["name"] = ["Old but kept"] }, age: TimeSpan.FromDays(400));

        var deadline = DateTime.UtcNow.AddSeconds(90);
        // The job deletes the rows, then the files: wait for both, or the check can land between them.
        while ((await site.Database.EntryAsync(oldEntry) is not null || Directory.Exists(folder)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        Assert.Null(await site.Database.EntryAsync(oldEntry));
        Assert.Empty(await site.Database.AuditAsync(oldEntry));
        Assert.Empty(await site.Database.RunsAsync(oldEntry));
        Assert.False(File.Exists(file), relative);
        Assert.False(Directory.Exists(folder), folder);

        Assert.NotNull(await site.Database.EntryAsync(fresh));
        Assert.NotNull(await site.Database.EntryAsync(oldButKept));
    }

    [Fact]
    public async Task An_upload_named_by_a_deleted_entry_is_removed_but_a_path_outside_the_forms_folder_is_never_touched()
    {
        var upload = Field("attachment", type: FormFieldTypes.FileUpload);
        var form = Form("Short retention", [upload]);
        form.DaysToRetainApprovedRecordsFor = 2;
        await site.Database.SaveFormAsync(form);

        var inside = Path.Combine(site.ContentRoot, "umbraco", "Data", "forms", "uploads", "elsewhere", Guid.NewGuid().ToString("N"), "letter.pdf");
        await WriteUploadAsync(inside);
        var outside = Path.Combine(site.ContentRoot, "appsettings.json");
        var insideValue = Path.GetRelativePath(site.ContentRoot, inside).Replace('\\', '/');
        var entry = await site.Database.AddEntryAsync(form, new Dictionary<string, string[]> { ["attachment"] = [insideValue, "../appsettings.json", "/etc/hostname", "appsettings.json"] }, age: TimeSpan.FromDays(5));

        var deadline = DateTime.UtcNow.AddSeconds(90);
        while ((await site.Database.EntryAsync(entry) is not null || File.Exists(inside)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        Assert.Null(await site.Database.EntryAsync(entry));
        Assert.False(File.Exists(inside));
        Assert.True(File.Exists(outside));
        Assert.True(File.Exists("/etc/hostname"));
    }

    private (string Relative, string File, string Folder) UploadPath(FormDefinition form, Guid entry)
    {
        var folder = Path.Combine(site.ContentRoot, "umbraco", "Data", "forms", "uploads", form.Id.ToString("N"), entry.ToString("N"));
        var file = Path.Combine(folder, Guid.NewGuid().ToString("N"), "cv.pdf");
        return (Path.GetRelativePath(site.ContentRoot, file), file, folder);
    }

    private static async Task WriteUploadAsync(string file)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllBytesAsync(file, "%PDF-1.4\n%test\n"u8.ToArray());
    }
}
